package org.vigil.ui.patients;

import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.vigil.data.emr.EmrPatient;
import org.vigil.data.model.PatientCategory;

/**
 * The admit dialog of one bed: search the EMR by MRN or by name and birth date, pick a patient and a category; or,
 * when the EMR cannot be asked (unreachable or not configured), admit by hand (name, MRN, birth date, category),
 * unconfirmed until the station matches the MRN in the EMR. Holds state only. JavaFX thread only.
 */
public final class AdmitViewModel {

    /** A search to run: by MRN, or by name and birth date. */
    public record Search(String mrn, String name, LocalDate birthDate) {
        public boolean byMrn() {
            return mrn != null;
        }
    }

    /** An admission by hand, checked. */
    public record Manual(String name, String mrn, LocalDate birthDate, PatientCategory category) {
    }

    private final String bed;
    private final String title;
    private final LocalDate today;
    private final StringProperty mrn = new SimpleStringProperty("");
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty birthDate = new SimpleStringProperty("");
    private final ObservableList<EmrPatient> found = FXCollections.observableArrayList();
    private final ObjectProperty<EmrPatient> selected = new SimpleObjectProperty<>();
    private final ObjectProperty<PatientCategory> category = new SimpleObjectProperty<>(PatientCategory.ADULT);
    private final StringProperty manualName = new SimpleStringProperty("");
    private final StringProperty manualMrn = new SimpleStringProperty("");
    private final StringProperty manualBirthDate = new SimpleStringProperty("");
    private final ObjectProperty<PatientCategory> manualCategory = new SimpleObjectProperty<>(PatientCategory.ADULT);
    private final BooleanProperty emrUnavailable = new SimpleBooleanProperty();
    private final BooleanProperty searching = new SimpleBooleanProperty();
    private final StringProperty message = new SimpleStringProperty("");

    /**
     * @param emrConfigured false: the EMR cannot be searched, admission is by hand from the start
     */
    public AdmitViewModel(String bed, String bedLabel, boolean emrConfigured, LocalDate today) {
        this.bed = bed;
        this.title = "Admit a patient to " + bedLabel;
        this.today = today;
        if (!emrConfigured) {
            emrUnavailable.set(true);
            message.set("EMR not configured: admit by hand (the patient stays unconfirmed)");
        }
        // the category follows the picked patient's age (neonate, paediatric, adult); the nurse may change it
        selected.addListener((o, was, now) -> {
            if (now != null) {
                category.set(now.suggestedCategory(today));
            }
        });
    }

    public String bed() {
        return bed;
    }

    public String title() {
        return title;
    }

    /** The search the fields ask for, or null with the message saying what is missing. */
    public Search search() {
        String m = mrn.get() == null ? "" : mrn.get().strip();
        String n = name.get() == null ? "" : name.get().strip();
        String b = birthDate.get() == null ? "" : birthDate.get().strip();
        if (!m.isEmpty()) {
            return new Search(m, null, null);
        }
        if (n.isEmpty() || b.isEmpty()) {
            message.set("Search by MRN, or by name and birth date");
            return null;
        }
        LocalDate date = date(b);
        if (date == null) {
            return null;
        }
        return new Search(null, n, date);
    }

    /** Shows what the EMR search found. */
    public void found(PatientService.Found result) {
        searching.set(false);
        found.setAll(result.patients());
        selected.set(result.patients().size() == 1 ? result.patients().get(0) : null);
        if (result.emrUnavailable()) {
            emrUnavailable.set(true);
            message.set(result.problem() + ": admit by hand (the patient stays unconfirmed until the EMR knows them)");
        } else if (result.problem() != null) {
            message.set(result.problem());
        } else {
            message.set(result.patients().isEmpty() ? "No patient found in the EMR"
                    : result.patients().size() + " found: pick the patient");
        }
    }

    public void searchStarted() {
        searching.set(true);
        message.set("Searching the EMR…");
    }

    /** The manual admission typed, or null with the message saying what is wrong. */
    public Manual manual() {
        String n = manualName.get() == null ? "" : manualName.get().strip();
        String m = manualMrn.get() == null ? "" : manualMrn.get().strip();
        String b = manualBirthDate.get() == null ? "" : manualBirthDate.get().strip();
        if (n.isEmpty() || m.isEmpty() || b.isEmpty()) {
            message.set("Admitting by hand needs name, MRN and birth date");
            return null;
        }
        LocalDate date = date(b);
        if (date == null) {
            return null;
        }
        return new Manual(n, m, date, manualCategory.get() == null ? PatientCategory.ADULT : manualCategory.get());
    }

    private LocalDate date(String text) {
        try {
            LocalDate d = LocalDate.parse(text);
            if (d.isAfter(today)) {
                message.set("The birth date " + text + " is in the future");
                return null;
            }
            return d;
        } catch (DateTimeParseException e) {
            message.set("Type the birth date as YYYY-MM-DD, e.g. 1961-04-23 (not '" + text + "')");
            return null;
        }
    }

    /** "Anna Berg · MRN 1001 · 1961-04-23 (65 y)" for the result list. */
    public String describe(EmrPatient p) {
        if (p == null) {
            return "";
        }
        String born = p.birthDate() == null ? "birth date unknown"
                : p.birthDate() + " (" + Period.between(p.birthDate(), today).getYears() + " y)";
        return p.name() + " · MRN " + (p.mrn() == null ? "none" : p.mrn()) + " · " + born;
    }

    public StringProperty mrnProperty() { return mrn; }
    public StringProperty nameProperty() { return name; }
    /** YYYY-MM-DD. */
    public StringProperty birthDateProperty() { return birthDate; }
    public ObservableList<EmrPatient> found() { return found; }
    public ObjectProperty<EmrPatient> selectedProperty() { return selected; }
    public ObjectProperty<PatientCategory> categoryProperty() { return category; }
    public StringProperty manualNameProperty() { return manualName; }
    public StringProperty manualMrnProperty() { return manualMrn; }
    public StringProperty manualBirthDateProperty() { return manualBirthDate; }
    public ObjectProperty<PatientCategory> manualCategoryProperty() { return manualCategory; }
    /** True once the EMR proved unreachable (or is not configured): admission by hand is offered. */
    public BooleanProperty emrUnavailableProperty() { return emrUnavailable; }
    public BooleanProperty searchingProperty() { return searching; }
    public StringProperty messageProperty() { return message; }
}

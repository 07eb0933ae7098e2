package org.vigil.ui.patients;

import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Discharge or transfer of a bed's patient: who it is, and the empty beds they may move to. Holds state only.
 * JavaFX thread only.
 */
public final class BedPatientViewModel {

    /** An empty bed to transfer to. */
    public record Target(String bedId, String label) {
        @Override
        public String toString() {
            return label;
        }
    }

    private final String bed;
    private final String title;
    private final String patientText;
    private final ObservableList<Target> targets = FXCollections.observableArrayList();
    private final ObjectProperty<Target> target = new SimpleObjectProperty<>();
    private final StringProperty message = new SimpleStringProperty("");

    /** @param emptyBeds the beds without a patient (the bed itself excluded) */
    public BedPatientViewModel(String bed, String bedLabel, String patientText, List<Target> emptyBeds) {
        this.bed = bed;
        this.title = bedLabel + " · " + patientText;
        this.patientText = patientText;
        targets.setAll(emptyBeds.stream().filter(t -> !t.bedId().equals(bed)).toList());
        if (targets.isEmpty()) {
            message.set("No empty bed to transfer to");
        }
    }

    public String bed() {
        return bed;
    }

    public String title() {
        return title;
    }

    public String patientText() {
        return patientText;
    }

    /** The bed to transfer to, or null with the message saying so. */
    public String transferTarget() {
        Target t = target.get();
        if (t == null) {
            message.set("Pick the bed to transfer " + patientText + " to");
            return null;
        }
        return t.bedId();
    }

    public ObservableList<Target> targets() { return targets; }
    public ObjectProperty<Target> targetProperty() { return target; }
    public StringProperty messageProperty() { return message; }
}

package org.vigil.ui.alarms.limits;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.vigil.alarms.BedAlarmSettings;
import org.vigil.alarms.DefaultLimits;
import org.vigil.alarms.LimitRanges;
import org.vigil.data.model.BedSettings;
import org.vigil.data.model.Limit;
import org.vigil.data.model.MeasurementCode;
import org.vigil.data.model.PatientCategory;

/**
 * The limit editor's state for one bed: per parameter the low and high limit as typed and whether its alarm is off,
 * and the patient category. {@link #validate()} turns it into the bed's settings or a clear message; who may apply
 * them is checked where they are applied (the station's actions). JavaFX thread only; never touches a Node.
 */
public final class LimitsViewModel {

    /** One parameter's row: code, label, low and high as typed ("" for no limit on that side), alarm off. */
    public static final class Row {
        private final String code;
        private final StringProperty low = new SimpleStringProperty("");
        private final StringProperty high = new SimpleStringProperty("");
        private final BooleanProperty alarmOff = new SimpleBooleanProperty();

        Row(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public String label() {
            return MeasurementCode.shortLabel(code);
        }

        public StringProperty lowProperty() {
            return low;
        }

        public StringProperty highProperty() {
            return high;
        }

        public BooleanProperty alarmOffProperty() {
            return alarmOff;
        }

        void set(Limit l) {
            low.set(l == null ? "" : format(l.low()));
            high.set(l == null ? "" : format(l.high()));
        }
    }

    private final String bed;
    private final String bedLabel;
    private final List<Row> rows = new ArrayList<>();
    private final ObjectProperty<PatientCategory> category = new SimpleObjectProperty<>();
    private final StringProperty error = new SimpleStringProperty("");

    /** @param current the bed's settings in force (from the alarm board) */
    public LimitsViewModel(String bed, String bedLabel, BedAlarmSettings current) {
        this.bed = bed;
        this.bedLabel = bedLabel;
        category.set(current.category());
        // every parameter with a default in any category, then the bed's own extra codes
        LinkedHashMap<String, Limit> shown = new LinkedHashMap<>();
        DefaultLimits.forCategory(PatientCategory.ADULT).keySet().forEach(c -> shown.put(c, null));
        shown.putAll(current.limits());
        current.alarmOff().forEach(c -> shown.putIfAbsent(c, null));
        shown.forEach((code, limit) -> {
            Row r = new Row(code);
            r.set(limit);
            r.alarmOff.set(current.alarmOff(code));
            rows.add(r);
        });
    }

    public String bed() {
        return bed;
    }

    /** "Alarm limits: Bed 03". */
    public String title() {
        return "Alarm limits: " + bedLabel;
    }

    public List<Row> rows() {
        return rows;
    }

    public Row row(String code) {
        return rows.stream().filter(r -> r.code.equals(code)).findFirst().orElse(null);
    }

    public ObjectProperty<PatientCategory> categoryProperty() {
        return category;
    }

    /** Why the settings cannot be applied (or were refused), "" when nothing is wrong. */
    public StringProperty errorProperty() {
        return error;
    }

    /** Every limit back to the chosen category's defaults, and every alarm on again. */
    public void resetToCategoryDefaults() {
        Map<String, Limit> defaults = DefaultLimits.forCategory(category.get());
        for (Row r : rows) {
            r.set(defaults.get(r.code));
            r.alarmOff.set(false);
        }
        error.set("");
    }

    /**
     * Checks what was typed: numbers, low below high, within the plausible range of the parameter, and at least one
     * limit for a parameter whose alarm stays on (an empty row would silence it without the alarm-off indicator).
     *
     * @return the bed's settings to apply (changedBy, station and time are stamped where they are applied), or null
     * with {@link #errorProperty()} saying what is wrong
     */
    public BedSettings validate() {
        Map<String, Limit> limits = new LinkedHashMap<>();
        List<String> off = new ArrayList<>();
        for (Row r : rows) {
            Double low;
            Double high;
            try {
                low = parse(r.low.get());
                high = parse(r.high.get());
            } catch (NumberFormatException e) {
                error.set(r.label() + ": " + e.getMessage());
                return null;
            }
            if (r.alarmOff.get()) {
                off.add(r.code);
            }
            if (low == null && high == null) {
                if (!r.alarmOff.get() && DefaultLimits.forCategory(category.get()).containsKey(r.code)) {
                    error.set(r.label() + ": give a low or a high limit, or switch its alarm off");
                    return null;
                }
                continue;
            }
            Limit l = new Limit(low, high);
            String problem = LimitRanges.check(r.code, l);
            if (problem != null) {
                error.set(problem);
                return null;
            }
            limits.put(r.code, l);
        }
        error.set("");
        return new BedSettings(bed, category.get(), limits, off, null, null, null);
    }

    private static Double parse(String typed) {
        String t = typed == null ? "" : typed.strip().replace(',', '.');
        if (t.isEmpty() || t.equals("-")) {
            return null;
        }
        try {
            double d = Double.parseDouble(t);
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new NumberFormatException("'" + typed.strip() + "' is not a number");
        }
    }

    static String format(Double d) {
        if (d == null) {
            return "";
        }
        return d == Math.rint(d) ? Long.toString(d.longValue()) : String.format(Locale.ROOT, "%.1f", d);
    }
}

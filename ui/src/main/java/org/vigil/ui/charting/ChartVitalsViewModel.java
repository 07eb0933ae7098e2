package org.vigil.ui.charting;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.vigil.data.emr.Acvpu;
import org.vigil.data.emr.ChartedValue;
import org.vigil.data.emr.VitalSignCodes;
import org.vigil.data.model.DeviceState;
import org.vigil.data.model.NumericValue;
import org.vigil.data.recording.MinuteAggregate;
import org.vigil.link.live.BedLive;

/**
 * "Chart vitals" for one bed: the values to chart (the monitor's current ones, or the median of a minute picked
 * from the trends), each editable with a reason required once changed, level of consciousness (ACVPU) and
 * supplemental oxygen, then a review before the nurse signs. Holds state only; never touches a Node. JavaFX
 * thread only.
 */
public final class ChartVitalsViewModel {
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter HH_MM_SS = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** What supplemental oxygen the nurse recorded. */
    public enum Oxygen {
        NOT_ASSESSED("not assessed"), NO("no (room air)"), YES("yes");

        private final String text;

        Oxygen(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }

        Boolean value() {
            return this == NOT_ASSESSED ? null : this == YES;
        }
    }

    /** One chartable value: what the monitor measured and what the nurse charts. */
    public static final class Row {
        private final String code;
        private final String label;
        private final String defaultUnit;
        private final StringProperty measuredText = new SimpleStringProperty("--");
        private final StringProperty value = new SimpleStringProperty("");
        private final StringProperty reason = new SimpleStringProperty("");
        private final BooleanProperty changed = new SimpleBooleanProperty();
        private Double measured;
        private String unit;
        private Instant measuredAt;

        Row(String code, String label, String defaultUnit) {
            this.code = code;
            this.label = label;
            this.defaultUnit = defaultUnit;
            this.unit = defaultUnit;
            value.addListener((o, was, now) -> changed.set(isChanged()));
        }

        public String code() {
            return code;
        }

        public String label() {
            return label;
        }

        /** The unit charted (the monitor's, as it sent it). */
        public String unit() {
            return unit;
        }

        public Double measured() {
            return measured;
        }

        public StringProperty measuredTextProperty() {
            return measuredText;
        }

        /** What is charted; empty: this value is not charted. */
        public StringProperty valueProperty() {
            return value;
        }

        /** Why the nurse changed the monitor's value (required when changed). */
        public StringProperty reasonProperty() {
            return reason;
        }

        /** True while the value differs from the monitor's. */
        public BooleanProperty changedProperty() {
            return changed;
        }

        void setMeasured(Double v, String u, Instant at) {
            measured = v;
            unit = u == null || u.isBlank() ? defaultUnit : u;
            measuredAt = at;
            measuredText.set(v == null ? "--" : format(code, v));
            value.set(v == null ? "" : format(code, v));
            reason.set("");
            changed.set(false);
        }

        private boolean isChanged() {
            String text = value.get() == null ? "" : value.get().strip();
            if (measured == null) {
                return false; // a value the monitor did not give is the nurse's own, not a change
            }
            if (text.isEmpty()) {
                return true;
            }
            Double v = parse(text);
            return v == null || Double.compare(v, Double.parseDouble(format(code, measured))) != 0;
        }
    }

    private final String bed;
    private final String title;
    private final ZoneId zone;
    private final List<Row> rows = List.of(
            new Row(VitalSignCodes.HEART_RATE, "HR", "/min"),
            new Row(VitalSignCodes.SPO2, "SpO2", "%"),
            new Row(VitalSignCodes.RESP_RATE, "RR", "/min"),
            new Row(VitalSignCodes.NIBP_SYS, "NIBP sys", "mm[Hg]"),
            new Row(VitalSignCodes.NIBP_DIA, "NIBP dia", "mm[Hg]"),
            new Row(VitalSignCodes.NIBP_MEAN, "NIBP mean", "mm[Hg]"),
            new Row(VitalSignCodes.TEMP_BODY, "Temp", "Cel"));
    private final ObjectProperty<Acvpu> acvpu = new SimpleObjectProperty<>();
    private final ObjectProperty<Oxygen> oxygen = new SimpleObjectProperty<>(Oxygen.NOT_ASSESSED);
    private final StringProperty source = new SimpleStringProperty("");
    private final StringProperty minute = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final StringProperty summary = new SimpleStringProperty("");
    private final BooleanProperty reviewed = new SimpleBooleanProperty();
    private Instant effective;
    private String deviceId;
    private ChartingDraft draft;

    public ChartVitalsViewModel(String bed, String bedLabel, String patientText, ZoneId zone) {
        this.bed = bed;
        this.title = "Chart vitals · " + bedLabel + (patientText == null ? "" : " · " + patientText);
        this.zone = zone;
        // any change after the review needs a new review before signing
        for (Row r : rows) {
            r.valueProperty().addListener((o, was, now) -> unreview());
            r.reasonProperty().addListener((o, was, now) -> unreview());
        }
        acvpu.addListener((o, was, now) -> unreview());
        oxygen.addListener((o, was, now) -> unreview());
    }

    public String bed() {
        return bed;
    }

    public String title() {
        return title;
    }

    public List<Row> rows() {
        return rows;
    }

    /** The row of {@code code}. */
    public Row row(String code) {
        return rows.stream().filter(r -> r.code().equals(code)).findFirst().orElseThrow();
    }

    /**
     * The monitor's current values: none when the bed is silent or offline (never a stale value as current);
     * values from leads or a probe that are off are left out.
     */
    public void loadCurrent(BedLive live, Instant now, Duration noDataAfter) {
        effective = now;
        deviceId = live.status() != null ? live.status().device() : live.deviceId();
        Instant last = live.lastDataAt();
        boolean silent = last == null || !now.isBefore(last.plus(noDataAfter))
                || (live.status() != null && live.status().state() == DeviceState.OFFLINE);
        boolean leadsOff = live.status() != null && "off".equals(live.status().leads().get("ECG"));
        boolean probeOff = live.status() != null && "off".equals(live.status().probes().get("SPO2"));
        for (Row r : rows) {
            NumericValue v = silent ? null : live.numeric(r.code());
            if ((leadsOff && r.code().equals(VitalSignCodes.HEART_RATE))
                    || (probeOff && r.code().equals(VitalSignCodes.SPO2))) {
                v = null;
            }
            boolean valid = v != null && v.isValid();
            // a blood pressure is a reading of its own time: that time is charted with it
            Instant at = valid && r.code().startsWith("MDC_PRESS_BLD_NONINV") ? v.time() : null;
            r.setMeasured(valid ? v.value() : null, valid ? v.unit() : null, at);
        }
        source.set(silent ? "No current values (the bed has no data): type the values you measured"
                : "Current values at " + HH_MM_SS.format(now.atZone(zone)));
        unreview();
    }

    /**
     * While the medians of a minute picked in the trends are read: nothing can be signed yet (no values, no time),
     * and nothing suggests the current values.
     */
    public void loadingMinute(Instant minuteStart) {
        effective = null;
        for (Row r : rows) {
            r.setMeasured(null, null, null);
        }
        minute.set(HH_MM.format(minuteStart.atZone(zone)));
        source.set("Reading the minute " + HH_MM.format(minuteStart.atZone(zone)) + " from the recording...");
        unreview();
    }

    /** The medians of a recorded minute (picked from the trends). */
    public void loadMinute(Instant minuteStart, List<MinuteAggregate> aggregates) {
        effective = minuteStart;
        minute.set(HH_MM.format(minuteStart.atZone(zone)));
        Map<String, MinuteAggregate> byCode = new java.util.HashMap<>();
        for (MinuteAggregate a : aggregates) {
            byCode.put(a.code(), a);
        }
        for (Row r : rows) {
            MinuteAggregate a = byCode.get(r.code());
            r.setMeasured(a == null ? null : a.median(), a == null ? null : a.unit(), null);
        }
        source.set(aggregates.isEmpty() ? "Nothing recorded in the minute " + HH_MM.format(minuteStart.atZone(zone))
                : "Median of the minute " + HH_MM.format(minuteStart.atZone(zone)) + " (trends)");
        unreview();
    }

    /**
     * The minute typed in {@link #minuteProperty()} ("HH:mm", today, or yesterday when that is still to come),
     * or null with the error set.
     */
    public Instant typedMinute(Instant now) {
        try {
            LocalTime t = LocalTime.parse(minute.get().strip(), HH_MM);
            LocalDate day = LocalDate.ofInstant(now, zone);
            Instant at = day.atTime(t).atZone(zone).toInstant();
            if (at.isAfter(now)) {
                at = day.minusDays(1).atTime(t).atZone(zone).toInstant();
            }
            error.set("");
            return at;
        } catch (DateTimeParseException | NullPointerException e) {
            error.set("Type the minute as HH:mm, e.g. 14:05");
            return null;
        }
    }

    /**
     * Checks what would be charted and shows it for review: a changed value needs a reason, a blood pressure needs
     * systolic and diastolic, something must be charted.
     *
     * @return the draft to sign, or null with {@link #errorProperty()} saying what to fix
     */
    public ChartingDraft review() {
        List<ChartedValue> values = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (Row r : rows) {
            String typed = r.valueProperty().get() == null ? "" : r.valueProperty().get().strip();
            String why = r.reasonProperty().get() == null ? "" : r.reasonProperty().get().strip();
            if (typed.isEmpty()) {
                if (r.measured() != null && why.isEmpty()) {
                    problems.add(r.label() + ": left out of the chart: give a reason");
                }
                continue;
            }
            Double v = parse(typed);
            if (v == null) {
                problems.add(r.label() + ": '" + typed + "' is not a number");
                continue;
            }
            boolean changed = r.measured() != null && Double.compare(v, Double.parseDouble(format(r.code(), r.measured()))) != 0;
            if (changed && why.isEmpty()) {
                problems.add(r.label() + " changed from " + format(r.code(), r.measured()) + " to " + typed
                        + ": give a reason");
                continue;
            }
            values.add(changed ? new ChartedValue(r.code(), v, r.unit(), r.measured(), why, r.measuredAt)
                    : new ChartedValue(r.code(), v, r.unit(), null, null, r.measuredAt));
            if (!text.isEmpty()) {
                text.append(", ");
            }
            text.append(r.label()).append(' ').append(typed).append(' ').append(r.unit());
            if (changed) {
                text.append(" (monitor ").append(format(r.code(), r.measured())).append(": ").append(why).append(')');
            }
        }
        boolean sys = values.stream().anyMatch(v -> v.code().equals(VitalSignCodes.NIBP_SYS));
        boolean dia = values.stream().anyMatch(v -> v.code().equals(VitalSignCodes.NIBP_DIA));
        if (sys != dia) {
            problems.add("A blood pressure needs both systolic and diastolic");
        }
        Oxygen o2 = oxygen.get() == null ? Oxygen.NOT_ASSESSED : oxygen.get();
        if (values.isEmpty() && acvpu.get() == null && o2 == Oxygen.NOT_ASSESSED && problems.isEmpty()) {
            problems.add("Nothing to chart: no value, no ACVPU, no oxygen");
        }
        if (effective == null) {
            problems.add("No time for the values: load the current values or a minute");
        }
        if (!problems.isEmpty()) {
            error.set(String.join("\n", problems));
            unreview();
            return null;
        }
        if (acvpu.get() != null) {
            text.append(text.isEmpty() ? "" : ", ").append("ACVPU ").append(acvpu.get().letter());
        }
        if (o2 != Oxygen.NOT_ASSESSED) {
            text.append(text.isEmpty() ? "" : ", ").append("supplemental oxygen ").append(o2 == Oxygen.YES ? "yes" : "no");
        }
        error.set("");
        draft = new ChartingDraft(effective, deviceId, values, acvpu.get(), o2.value());
        summary.set("At " + HH_MM_SS.format(effective.atZone(zone)) + ": " + text);
        reviewed.set(true);
        return draft;
    }

    /** The reviewed draft, or null when not reviewed (or changed since). */
    public ChartingDraft reviewedDraft() {
        return reviewed.get() ? draft : null;
    }

    private void unreview() {
        reviewed.set(false);
        draft = null;
        summary.set("");
    }

    public ObjectProperty<Acvpu> acvpuProperty() { return acvpu; }
    public ObjectProperty<Oxygen> oxygenProperty() { return oxygen; }
    /** Where the values come from ("Current values at 10:02:13", "Median of the minute 09:45 (trends)"). */
    public StringProperty sourceProperty() { return source; }
    /** The minute to take from the trends, typed as HH:mm. */
    public StringProperty minuteProperty() { return minute; }
    public StringProperty errorProperty() { return error; }
    /** What the nurse signs, once reviewed. */
    public StringProperty summaryProperty() { return summary; }
    public BooleanProperty reviewedProperty() { return reviewed; }

    static String format(String code, double v) {
        return VitalSignCodes.TEMP_BODY.equals(code) ? String.format(Locale.ROOT, "%.1f", v)
                : Long.toString(Math.round(v));
    }

    static Double parse(String s) {
        try {
            double d = Double.parseDouble(s.strip().replace(',', '.'));
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

package org.vigil.ui.ward;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.vigil.alarms.Alarm;
import org.vigil.alarms.BedAlarmSettings;
import org.vigil.data.model.Limit;
import org.vigil.data.model.AlarmPriority;
import org.vigil.data.model.DeviceState;
import org.vigil.data.model.DeviceStatus;
import org.vigil.data.model.MeasurementCode;
import org.vigil.data.model.NumericValue;
import org.vigil.data.model.Patient;
import org.vigil.link.live.BedLive;

/**
 * What one bed tile shows, as text and flags; never touches a Node. {@link #refresh} runs on the JavaFX thread a
 * few times a second (the ward pulse spreads tiles over frames so labels never all change in one frame).
 */
public final class BedTileViewModel {
    static final String NONE = "--";

    private final BedLive bed;
    private final StringProperty bedLabel = new SimpleStringProperty();
    private final StringProperty patient = new SimpleStringProperty("");
    private final BooleanProperty simulated = new SimpleBooleanProperty();
    private final BooleanProperty unassigned = new SimpleBooleanProperty();
    private final StringProperty hr = new SimpleStringProperty(NONE);
    private final StringProperty hrLabel = new SimpleStringProperty("HR");
    private final StringProperty spo2 = new SimpleStringProperty(NONE);
    private final StringProperty spo2Label = new SimpleStringProperty("SpO2");
    private final StringProperty rr = new SimpleStringProperty(NONE);
    private final StringProperty nibp = new SimpleStringProperty(NONE);
    private final StringProperty nibpAge = new SimpleStringProperty("");
    private final StringProperty temp = new SimpleStringProperty(NONE);
    private final BooleanProperty hrInAlarm = new SimpleBooleanProperty();
    private final BooleanProperty spo2InAlarm = new SimpleBooleanProperty();
    private final StringProperty alarmText = new SimpleStringProperty("");
    private final ObjectProperty<AlarmPriority> highestPriority = new SimpleObjectProperty<>();
    private final BooleanProperty noData = new SimpleBooleanProperty(true);
    private final StringProperty noDataText = new SimpleStringProperty("NO DATA");
    private final StringProperty deviceState = new SimpleStringProperty("No device heard");
    private final StringProperty clockFlag = new SimpleStringProperty("");
    private final StringProperty otherNumerics = new SimpleStringProperty("");
    private final StringProperty secondAlarmText = new SimpleStringProperty("");
    private final StringProperty hrLimits = new SimpleStringProperty("");
    private final StringProperty spo2Limits = new SimpleStringProperty("");
    private final StringProperty rrLimits = new SimpleStringProperty("");
    private final StringProperty nibpLimits = new SimpleStringProperty("");
    private final StringProperty tempLimits = new SimpleStringProperty("");
    private final BooleanProperty hrAlarmOff = new SimpleBooleanProperty();
    private final BooleanProperty spo2AlarmOff = new SimpleBooleanProperty();
    private final BooleanProperty rrAlarmOff = new SimpleBooleanProperty();
    private final BooleanProperty nibpAlarmOff = new SimpleBooleanProperty();
    private final BooleanProperty tempAlarmOff = new SimpleBooleanProperty();
    private final StringProperty audioPause = new SimpleStringProperty("");
    private final StringProperty patientDetail = new SimpleStringProperty("");
    private final BooleanProperty unconfirmed = new SimpleBooleanProperty();

    /** Shown in their own places on the tile; every other code is listed generically. */
    private static final java.util.Set<String> SHOWN = java.util.Set.of(MeasurementCode.HEART_RATE, MeasurementCode.SPO2,
            MeasurementCode.RESP_RATE, MeasurementCode.NIBP_SYS, MeasurementCode.NIBP_DIA, MeasurementCode.NIBP_MEAN,
            MeasurementCode.TEMP_BODY);

    public BedTileViewModel(BedLive bed) {
        this.bed = bed;
        bedLabel.set(bed.label());
        unassigned.set(!bed.configured());
    }

    public BedLive bed() {
        return bed;
    }

    public void refresh(List<Alarm> alarms, Patient p, Instant now, Duration noDataAfter) {
        refresh(alarms, p, now, noDataAfter, false);
    }

    /** @param interrupted the station cannot hear the broker: nothing of this bed is known now */
    public void refresh(List<Alarm> alarms, Patient p, Instant now, Duration noDataAfter, boolean interrupted) {
        patient.set(patientText(p, now));
        simulated.set(p != null && p.simulated());
        patientDetail.set(patientDetail(p));
        // admitted by hand and not yet matched to the EMR's patient by MRN
        unconfirmed.set(p != null && !p.simulated() && !p.confirmed());

        DeviceStatus status = bed.status();
        boolean offline = status != null && status.state() == DeviceState.OFFLINE;
        Instant last = bed.lastDataAt();
        boolean silent = last == null || !now.isBefore(last.plus(noDataAfter));
        boolean standby = status != null && status.state() == DeviceState.STANDBY;
        noData.set(silent || offline || interrupted);
        noDataText.set(interrupted ? "MONITORING INTERRUPTED" : offline ? "DEVICE OFFLINE" : standby ? "STANDBY" : "NO DATA");
        deviceState.set(deviceText(status, last, now));
        long offset = bed.deviceClock().offsetMillis();
        clockFlag.set(bed.deviceClock().flagged()
                ? "CLOCK " + (offset > 0 ? "-" : "+") + Math.round(Math.abs(offset) / 1000.0) + " s" : "");

        boolean leadsOff = status != null && "off".equals(status.leads().get("ECG"));
        boolean probeOff = status != null && "off".equals(status.probes().get("SPO2"));
        if (silent || offline || interrupted) {
            // never show the last values as if they were current
            hr.set(NONE);
            spo2.set(NONE);
            rr.set(NONE);
            nibp.set(NONE);
            nibpAge.set("");
            temp.set(NONE);
            hrLabel.set("HR");
            spo2Label.set("SpO2");
            otherNumerics.set("");
        } else {
            otherNumerics.set(others(bed.numerics()));
            // values from leads or a probe that are off are invalid, whatever the device still sends
            NumericValue h = bed.numeric(MeasurementCode.HEART_RATE);
            hr.set(leadsOff ? NONE : integer(h));
            hrLabel.set(leadsOff ? "HR leads off" : h != null && h.invalid() != null ? "HR " + h.invalid() : "HR");
            NumericValue s = bed.numeric(MeasurementCode.SPO2);
            spo2.set(probeOff ? NONE : integer(s));
            spo2Label.set(probeOff ? "SpO2 probe off" : s != null && s.invalid() != null ? "SpO2 " + s.invalid() : "SpO2");
            rr.set(integer(bed.numeric(MeasurementCode.RESP_RATE)));
            NumericValue sys = bed.numeric(MeasurementCode.NIBP_SYS);
            NumericValue dia = bed.numeric(MeasurementCode.NIBP_DIA);
            NumericValue mean = bed.numeric(MeasurementCode.NIBP_MEAN);
            if (sys != null && dia != null && sys.isValid() && dia.isValid()) {
                nibp.set(integer(sys) + "/" + integer(dia) + (mean != null && mean.isValid() ? " (" + integer(mean) + ")" : ""));
                nibpAge.set(age(sys.time(), now));
            } else {
                nibp.set(NONE);
                nibpAge.set("");
            }
            NumericValue t = bed.numeric(MeasurementCode.TEMP_BODY);
            temp.set(t == null || !t.isValid() ? NONE : String.format(Locale.ROOT, "%.1f", t.value()));
        }

        AlarmPriority top = alarms.isEmpty() ? null : alarms.get(0).priority();
        highestPriority.set(top);
        alarmText.set(alarms.isEmpty() ? "" : alarms.get(0).priority().marker() + " " + alarms.get(0).text()
                + org.vigil.ui.alarms.AlarmBarViewModel.stateSuffix(alarms.get(0))
                + (alarms.size() > 1 ? "  +" + (alarms.size() - 1) : ""));
        // a technical condition is never hidden by a physiological one (nor the reverse): the other kind's top alarm
        // gets its own line
        Alarm second = alarms.isEmpty() ? null : alarms.stream().filter(a -> a.kind() != alarms.get(0).kind())
                .findFirst().orElse(null);
        secondAlarmText.set(second == null ? "" : second.priority().marker() + " " + second.text()
                + org.vigil.ui.alarms.AlarmBarViewModel.stateSuffix(second));
        hrInAlarm.set(alarms.stream().anyMatch(a -> a.condition().startsWith("HR_")));
        spo2InAlarm.set(alarms.stream().anyMatch(a -> a.condition().startsWith("SPO2_")));
    }

    /**
     * The bed's limits beside each value ("120 / 50": high / low, "-" for a side without a limit), the permanent
     * alarm-off flags, and the bed's own audio pause countdown ("PAUSED 01:45"). Call with every refresh.
     *
     * @param pausedUntil the bed's own audio pause, or null when none runs
     */
    public void refreshSettings(BedAlarmSettings settings, Instant pausedUntil, Instant now) {
        hrLimits.set(limits(settings.limit(MeasurementCode.HEART_RATE)));
        spo2Limits.set(limits(settings.limit(MeasurementCode.SPO2)));
        rrLimits.set(limits(settings.limit(MeasurementCode.RESP_RATE)));
        String sys = limits(settings.limit(MeasurementCode.NIBP_SYS));
        String dia = limits(settings.limit(MeasurementCode.NIBP_DIA));
        nibpLimits.set(sys.isEmpty() && dia.isEmpty() ? "" : "S " + (sys.isEmpty() ? "-" : sys)
                + "  D " + (dia.isEmpty() ? "-" : dia));
        tempLimits.set(limits(settings.limit(MeasurementCode.TEMP_BODY)));
        hrAlarmOff.set(settings.alarmOff(MeasurementCode.HEART_RATE));
        spo2AlarmOff.set(settings.alarmOff(MeasurementCode.SPO2));
        rrAlarmOff.set(settings.alarmOff(MeasurementCode.RESP_RATE));
        nibpAlarmOff.set(settings.alarmOff(MeasurementCode.NIBP_SYS) || settings.alarmOff(MeasurementCode.NIBP_DIA)
                || settings.alarmOff(MeasurementCode.NIBP_MEAN));
        tempAlarmOff.set(settings.alarmOff(MeasurementCode.TEMP_BODY));
        if (pausedUntil == null || !now.isBefore(pausedUntil)) {
            audioPause.set("");
        } else {
            long s = (Duration.between(now, pausedUntil).toMillis() + 999) / 1000; // 0.2 s left still says 00:01
            audioPause.set(String.format(Locale.ROOT, "PAUSED %02d:%02d", s / 60, s % 60));
        }
    }

    /** "120 / 50" (high / low), "- / 90" without a high limit, "" without any. */
    static String limits(Limit l) {
        if (l == null || (l.low() == null && l.high() == null)) {
            return "";
        }
        return bound(l.high()) + " / " + bound(l.low());
    }

    private static String bound(Double d) {
        if (d == null) {
            return "-";
        }
        return d == Math.rint(d) ? Long.toString(d.longValue()) : String.format(Locale.ROOT, "%.1f", d);
    }

    /** Every numeric without its own place, e.g. "PR 71 /min · CONC_AWAY_CO2_ET -- (sensor-off)", sorted by code. */
    static String others(java.util.Map<String, NumericValue> numerics) {
        StringBuilder b = new StringBuilder();
        new java.util.TreeMap<>(numerics).forEach((code, v) -> {
            if (SHOWN.contains(code)) {
                return;
            }
            if (!b.isEmpty()) {
                b.append(" · ");
            }
            b.append(MeasurementCode.shortLabel(code)).append(' ');
            if (v.isValid()) {
                double x = v.value();
                b.append(x == Math.rint(x) ? Long.toString((long) x) : String.format(Locale.ROOT, "%.1f", x))
                        .append(' ').append(v.unit());
            } else {
                b.append(NONE).append(v.invalid() == null ? "" : " (" + v.invalid() + ")");
            }
        });
        return b.toString();
    }

    static String patientText(Patient p, Instant now) {
        if (p == null) {
            return "No patient";
        }
        String age = "";
        if (p.birthDate() != null) {
            LocalDate today = LocalDate.ofInstant(now, java.time.ZoneOffset.UTC);
            Period period = Period.between(p.birthDate(), today);
            age = period.getYears() >= 2 ? ", " + period.getYears() + " y"
                    : period.toTotalMonths() >= 1 ? ", " + period.toTotalMonths() + " mo"
                    : ", " + java.time.temporal.ChronoUnit.DAYS.between(p.birthDate(), today) + " d";
        }
        return p.name() + age;
    }

    /** "MRN 1001 · adult" (category only without an MRN), "" without a patient. */
    static String patientDetail(Patient p) {
        if (p == null) {
            return "";
        }
        return (p.mrn() == null ? "" : "MRN " + p.mrn() + " · ") + p.category().wireName();
    }

    static String integer(NumericValue v) {
        return v == null || !v.isValid() ? NONE : Long.toString(Math.round(v.value()));
    }

    static String age(Instant measured, Instant now) {
        long s = Math.max(0, Duration.between(measured, now).toSeconds());
        if (s < 60) {
            return s + " s ago";
        }
        if (s < 3600) {
            return (s / 60) + " min ago";
        }
        return (s / 3600) + " h " + ((s % 3600) / 60) + " min ago";
    }

    private static String deviceText(DeviceStatus s, Instant last, Instant now) {
        if (s == null && last == null) {
            return "No device heard";
        }
        StringBuilder b = new StringBuilder();
        b.append(s != null ? s.device() : String.valueOf(last == null ? "" : "device")).append(' ');
        b.append(s != null ? s.state().wireName() : "status unknown");
        if (s != null && s.battery() != null) {
            b.append(", battery ").append(Math.round(s.battery() * 100)).append('%');
        }
        if (s != null && s.anyLeadOff()) {
            b.append(", LEADS OFF");
        }
        if (s != null && s.anyProbeOff()) {
            b.append(", PROBE OFF");
        }
        if (last != null) {
            long ago = Duration.between(last, now).toSeconds();
            if (ago >= 2) {
                b.append(", last data ").append(age(last, now));
            }
        }
        return b.toString();
    }

    public StringProperty bedLabelProperty() { return bedLabel; }
    public StringProperty patientProperty() { return patient; }
    public BooleanProperty simulatedProperty() { return simulated; }
    public BooleanProperty unassignedProperty() { return unassigned; }
    public StringProperty hrProperty() { return hr; }
    public StringProperty hrLabelProperty() { return hrLabel; }
    public StringProperty spo2Property() { return spo2; }
    public StringProperty spo2LabelProperty() { return spo2Label; }
    public StringProperty rrProperty() { return rr; }
    public StringProperty nibpProperty() { return nibp; }
    public StringProperty nibpAgeProperty() { return nibpAge; }
    public StringProperty tempProperty() { return temp; }
    public BooleanProperty hrInAlarmProperty() { return hrInAlarm; }
    public BooleanProperty spo2InAlarmProperty() { return spo2InAlarm; }
    public StringProperty alarmTextProperty() { return alarmText; }
    public ObjectProperty<AlarmPriority> highestPriorityProperty() { return highestPriority; }
    public BooleanProperty noDataProperty() { return noData; }
    public StringProperty noDataTextProperty() { return noDataText; }
    public StringProperty deviceStateProperty() { return deviceState; }
    /** "CLOCK +7 s" when the device's clock is more than 5 s off the station's, else empty. */
    public StringProperty clockFlagProperty() { return clockFlag; }
    /** Numerics of codes without their own place on the tile, listed generically (unknown codes included). */
    public StringProperty otherNumericsProperty() { return otherNumerics; }
    /** The top alarm of the other kind (technical / physiological) than the header's, or "". */
    public StringProperty secondAlarmTextProperty() { return secondAlarmText; }
    public StringProperty hrLimitsProperty() { return hrLimits; }
    public StringProperty spo2LimitsProperty() { return spo2Limits; }
    public StringProperty rrLimitsProperty() { return rrLimits; }
    public StringProperty nibpLimitsProperty() { return nibpLimits; }
    public StringProperty tempLimitsProperty() { return tempLimits; }
    public BooleanProperty hrAlarmOffProperty() { return hrAlarmOff; }
    public BooleanProperty spo2AlarmOffProperty() { return spo2AlarmOff; }
    public BooleanProperty rrAlarmOffProperty() { return rrAlarmOff; }
    public BooleanProperty nibpAlarmOffProperty() { return nibpAlarmOff; }
    public BooleanProperty tempAlarmOffProperty() { return tempAlarmOff; }
    /** "PAUSED 01:45" while the bed's own audio pause runs, else "". */
    public StringProperty audioPauseProperty() { return audioPause; }
    /** The patient's MRN and category ("MRN 1001 · adult"), or "". */
    public StringProperty patientDetailProperty() { return patientDetail; }
    /** True while the bed's patient was admitted by hand and is not yet matched to the EMR. */
    public BooleanProperty unconfirmedProperty() { return unconfirmed; }
}

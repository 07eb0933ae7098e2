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
        hrInAlarm.set(alarms.stream().anyMatch(a -> a.condition().startsWith("HR_")));
        spo2InAlarm.set(alarms.stream().anyMatch(a -> a.condition().startsWith("SPO2_")));
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
}

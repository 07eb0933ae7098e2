package org.vigil.data.emr;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

/**
 * Maps a {@link ChartingEvent} to ONE FHIR R4 transaction Bundle of Observations:
 * <ul>
 * <li>each numeric value an Observation conforming to the R4 vital-signs profile it claims in {@code meta.profile}
 * (heartrate, oxygensat, resprate, bodytemp, bp, vitalsigns for mean pressure): category {@code vital-signs},
 * the LOINC coding plus the numeric MDC coding ({@code urn:iso:std:iso:11073:10101}), a UCUM quantity,
 * subject, encounter, effectiveDateTime, performer, device, status;</li>
 * <li>blood pressure as the panel 85354-9 with systolic 8480-6 and diastolic 8462-4 components;</li>
 * <li>ACVPU (LOINC 67775-7, SNOMED CT answer) and supplemental oxygen (local code, SNOMED CT answer) as plain
 * Observations outside the vital-signs profile;</li>
 * <li>each with an identifier {@code urn:vigil:observation|{station}/{event}/{item}} and a conditional create
 * ({@code ifNoneExist: identifier=...}), so that resending the same event can never make a duplicate.</li>
 * </ul>
 * The mapping is deterministic (fullUrls derive from the identifiers): a resend is the same Bundle. Stateless
 * apart from its settings; any thread.
 */
public final class ObservationBundles {
    /** Identifier system of charted Observations; the value is {@code {station}/{event}/{item}}. */
    public static final String OBSERVATION_SYSTEM = "urn:vigil:observation";
    /** Identifier system of bedside devices (the wire's device id). */
    public static final String DEVICE_SYSTEM = "urn:vigil:device";
    /** Local code system for items LOINC has no code for. */
    public static final String VIGIL_CODES = "urn:vigil:observation-code";

    static final String CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/observation-category";
    static final String ACVPU_LOINC = "67775-7";

    private final String mrnSystem;
    private final String practitionerSystem;

    /**
     * @param mrnSystem          identifier system of MRNs, for patients known only by MRN (may be null)
     * @param practitionerSystem identifier system of the performer's id
     */
    public ObservationBundles(String mrnSystem, String practitionerSystem) {
        this.mrnSystem = mrnSystem;
        this.practitionerSystem = practitionerSystem == null ? EmrSettings.DEFAULT_PRACTITIONER_SYSTEM : practitionerSystem;
    }

    /** The transaction Bundle for {@code e}. */
    public Bundle transaction(ChartingEvent e) {
        Bundle bundle = new Bundle();
        bundle.setType(Bundle.BundleType.TRANSACTION);
        Map<String, ChartedValue> byCode = new LinkedHashMap<>();
        e.values().forEach(v -> byCode.put(v.code(), v));

        List<Observation> observations = new ArrayList<>();
        for (ChartedValue v : e.values()) {
            switch (v.code()) {
                case VitalSignCodes.NIBP_DIA -> { } // a component of the panel, made with systolic
                case VitalSignCodes.NIBP_SYS -> observations.add(bloodPressure(e, v, byCode.get(VitalSignCodes.NIBP_DIA)));
                // Pulse rate is charted as heart rate only when the ECG gave none: one heart rate per event.
                case VitalSignCodes.PULSE_RATE -> {
                    if (!byCode.containsKey(VitalSignCodes.HEART_RATE)) {
                        observations.add(numeric(e, v));
                    }
                }
                default -> observations.add(numeric(e, v));
            }
        }
        if (e.acvpu() != null) {
            observations.add(acvpu(e));
        }
        if (e.supplementalOxygen() != null) {
            observations.add(supplementalOxygen(e));
        }
        for (Observation o : observations) {
            String identifier = o.getIdentifierFirstRep().getValue();
            bundle.addEntry()
                    .setFullUrl("urn:uuid:" + UUID.nameUUIDFromBytes(identifier.getBytes(StandardCharsets.UTF_8)))
                    .setResource(o)
                    .getRequest()
                    .setMethod(Bundle.HTTPVerb.POST)
                    .setUrl("Observation")
                    .setIfNoneExist("identifier=" + OBSERVATION_SYSTEM + "|" + identifier);
        }
        return bundle;
    }

    private Observation numeric(ChartingEvent e, ChartedValue v) {
        VitalSignCodes.Row row = VitalSignCodes.row(v.code());
        Observation o = base(e, row.loinc(), row.profile(), true);
        CodeableConcept code = new CodeableConcept()
                .addCoding(new Coding(VitalSignCodes.LOINC, row.loinc(), row.display()));
        if (v.code().equals(VitalSignCodes.SPO2)) {
            code.addCoding(new Coding(VitalSignCodes.LOINC, "59408-5",
                    "Oxygen saturation in Arterial blood by Pulse oximetry"));
        }
        code.addCoding(new Coding(VitalSignCodes.MDC, row.mdc(), v.code()));
        code.setText(row.display());
        o.setCode(code);
        if (v.code().equals(VitalSignCodes.PULSE_RATE)) {
            o.setMethod(new CodeableConcept().setText("pulse oximetry"));
        }
        o.setValue(quantity(v));
        if (v.measuredAt() != null) {
            o.setEffective(new DateTimeType(Date.from(v.measuredAt())));
        }
        note(o, v);
        return o;
    }

    private Observation bloodPressure(ChartingEvent e, ChartedValue sys, ChartedValue dia) {
        Observation o = base(e, VitalSignCodes.BP_PANEL, "bp", true);
        o.setCode(new CodeableConcept()
                .addCoding(new Coding(VitalSignCodes.LOINC, VitalSignCodes.BP_PANEL, "Blood pressure panel with all children optional"))
                .setText("Blood pressure"));
        for (ChartedValue v : List.of(sys, dia)) {
            VitalSignCodes.Row row = VitalSignCodes.row(v.code());
            o.addComponent()
                    .setCode(new CodeableConcept()
                            .addCoding(new Coding(VitalSignCodes.LOINC, row.loinc(), row.display()))
                            .addCoding(new Coding(VitalSignCodes.MDC, row.mdc(), v.code()))
                            .setText(row.display()))
                    .setValue(quantity(v));
            note(o, v);
        }
        if (sys.measuredAt() != null) {
            o.setEffective(new DateTimeType(Date.from(sys.measuredAt())));
        }
        return o;
    }

    private Observation acvpu(ChartingEvent e) {
        Observation o = base(e, ACVPU_LOINC, null, false);
        o.addCategory(new CodeableConcept().addCoding(new Coding(CATEGORY_SYSTEM, "exam", "Exam")));
        o.setCode(new CodeableConcept().addCoding(new Coding(VitalSignCodes.LOINC, ACVPU_LOINC, "Level of responsiveness"))
                .setText("Level of consciousness (ACVPU)"));
        o.setValue(new CodeableConcept()
                .addCoding(new Coding(VitalSignCodes.SNOMED, e.acvpu().snomedCode(), e.acvpu().display()))
                .setText(e.acvpu().letter() + " - " + e.acvpu().display()));
        return o;
    }

    private Observation supplementalOxygen(ChartingEvent e) {
        Observation o = base(e, "supplemental-oxygen", null, false);
        o.addCategory(new CodeableConcept().addCoding(new Coding(CATEGORY_SYSTEM, "exam", "Exam")));
        o.setCode(new CodeableConcept().addCoding(new Coding(VIGIL_CODES, "supplemental-oxygen", "Supplemental oxygen"))
                .setText("Supplemental oxygen"));
        boolean on = e.supplementalOxygen();
        o.setValue(new CodeableConcept()
                .addCoding(on ? new Coding(VitalSignCodes.SNOMED, "371907003", "Oxygen therapy")
                        : new Coding(VitalSignCodes.SNOMED, "722742002", "Breathing room air"))
                .setText(on ? "on supplemental oxygen" : "on room air"));
        return o;
    }

    private Observation base(ChartingEvent e, String item, String profile, boolean vitalSign) {
        Observation o = new Observation();
        if (profile != null) {
            o.getMeta().addProfile(VitalSignCodes.PROFILE_BASE + profile);
        }
        o.addIdentifier(new Identifier().setSystem(OBSERVATION_SYSTEM).setValue(e.identifier() + "/" + item));
        o.setStatus(e.status() == ChartingEvent.Status.FINAL ? Observation.ObservationStatus.FINAL
                : Observation.ObservationStatus.PRELIMINARY);
        if (vitalSign) {
            o.addCategory(new CodeableConcept()
                    .addCoding(new Coding(CATEGORY_SYSTEM, "vital-signs", "Vital Signs"))
                    .setText("Vital Signs"));
        }
        o.setSubject(subject(e.patient()));
        if (e.encounter() != null) {
            o.setEncounter(new Reference(e.encounter()));
        }
        o.setEffective(new DateTimeType(Date.from(e.effective())));
        if (e.performer() != null) {
            o.addPerformer(new Reference().setType("Practitioner")
                    .setIdentifier(new Identifier().setSystem(practitionerSystem).setValue(e.performer())));
        }
        if (e.deviceId() != null) {
            o.setDevice(new Reference().setType("Device").setDisplay(e.deviceId())
                    .setIdentifier(new Identifier().setSystem(DEVICE_SYSTEM).setValue(e.deviceId())));
        }
        return o;
    }

    private Reference subject(EmrPatientRef p) {
        if (p.reference() != null && !p.reference().isBlank()) {
            return new Reference(p.reference());
        }
        Identifier id = new Identifier().setValue(p.mrn());
        if (mrnSystem != null) {
            id.setSystem(mrnSystem);
        }
        return new Reference().setType("Patient").setIdentifier(id);
    }

    private static Quantity quantity(ChartedValue v) {
        // The unit is charted as the monitor sent it (the wire contract's units are UCUM); a strict EMR
        // validates it against the profile.
        return new Quantity().setValue(v.value()).setUnit(v.unit()).setSystem(VitalSignCodes.UCUM).setCode(v.unit());
    }

    private static void note(Observation o, ChartedValue v) {
        if (v.edited()) {
            o.addNote().setText("Changed by the nurse from the monitor's " + fmt(v.measuredValue()) + " " + v.unit()
                    + " to " + fmt(v.value()) + " " + v.unit() + ": " + v.changeReason());
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}

package org.vigil.data.emr;

/**
 * Level of consciousness on the ACVPU scale (NEWS2), as the nurse assesses it. Charted as LOINC 67775-7 with the
 * SNOMED CT answer codes that HL7 UK's CareConnect ACVPU value set uses.
 */
public enum Acvpu {
    ALERT("248234008", "Mentally alert"),
    NEW_CONFUSION("130987000", "Acute confusion"),
    VOICE("300202002", "Responds to voice"),
    PAIN("450847001", "Responds to pain"),
    UNRESPONSIVE("422768004", "Unresponsive");

    private final String snomed;
    private final String display;

    Acvpu(String snomed, String display) {
        this.snomed = snomed;
        this.display = display;
    }

    public String snomedCode() {
        return snomed;
    }

    public String display() {
        return display;
    }

    /** The scale's letter: A, C, V, P or U. */
    public String letter() {
        return this == NEW_CONFUSION ? "C" : name().substring(0, 1);
    }
}

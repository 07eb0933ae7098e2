package org.vigil.data.emr;

/**
 * Who a charting event is about, as the EMR will know them: its resource reference ({@code Patient/123}) when the
 * patient came from the EMR, else the MRN (a patient admitted by hand while the EMR was unreachable; the
 * Observation's subject is then a logical reference by identifier). At least one is given.
 */
public record EmrPatientRef(String reference, String mrn) {
    public EmrPatientRef {
        if ((reference == null || reference.isBlank()) && (mrn == null || mrn.isBlank())) {
            throw new IllegalArgumentException("a charted patient needs an EMR reference or an MRN");
        }
    }

    /** The key events are ordered by: one patient's events are sent in order. */
    public String orderKey() {
        return mrn != null && !mrn.isBlank() ? "mrn:" + mrn : reference;
    }
}

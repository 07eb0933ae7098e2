/**
 * The EMR link over FHIR R4 (HAPI FHIR client; see docs/emr.md): {@link org.vigil.data.emr.EmrClient} (patient
 * search, in-progress Encounters at the ward's beds, transaction Bundles, authentication),
 * {@link org.vigil.data.emr.ObservationBundles} (a {@link org.vigil.data.emr.ChartingEvent} as one transaction
 * Bundle of vital-signs Observations), the durable {@link org.vigil.data.emr.EmrOutbox} with its
 * {@link org.vigil.data.emr.EmrOutboxWorker}, and {@link org.vigil.data.emr.EncounterSync} (admissions from the
 * EMR).
 *
 * <p>Threads: every network or database call blocks; call them from background threads, never from the JavaFX or
 * MQTT callback thread. The worker and the sync run on their own named threads and call their listeners there.
 * Only this package imports HAPI FHIR ({@code ca.uhn.fhir}, {@code org.hl7.fhir}).
 */
package org.vigil.data.emr;

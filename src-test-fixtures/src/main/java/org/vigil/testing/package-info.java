/**
 * Generic test support shared by every Vigil module's tests (test scope only): free ports, an embedded
 * Moquette broker, launchers for Debian's Mosquitto and PostgreSQL, an MQTT test client, a fake clock, the
 * headless JavaFX start-up, the ArchUnit rule base, the location of the shared recordings, and a validating FHIR R4
 * server ({@link org.vigil.testing.FhirTestServer}, also runnable in a JVM of its own: FhirTestServerMain).
 *
 * <p>This package depends on no Vigil module, so that every module can use it in its own tests.
 */
package org.vigil.testing;

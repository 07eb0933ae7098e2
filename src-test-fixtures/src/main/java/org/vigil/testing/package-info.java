/**
 * Generic test support shared by every Vigil module's tests (test scope only): free ports, an embedded
 * Moquette broker, a launcher for Debian's Mosquitto, an MQTT test client, a fake clock, the headless JavaFX
 * start-up, the ArchUnit rule base and the location of the shared recordings.
 *
 * <p>This package depends on no Vigil module, so that every module can use it in its own tests.
 */
package org.vigil.testing;

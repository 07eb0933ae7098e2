/**
 * The ward's domain model: immutable values that every module shares. Records here are safe to pass
 * between threads; none of them touches I/O, JavaFX or MQTT.
 */
package org.vigil.data.model;

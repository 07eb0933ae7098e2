package org.vigil.link;

/** Another station with this station's id is online on the ward: two would take each other's MQTT session. */
public final class DuplicateStationException extends RuntimeException {
    public DuplicateStationException(String message) {
        super(message);
    }
}

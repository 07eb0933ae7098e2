package org.vigil.alarms.sound;

/** The audio device could not be opened or written. */
public final class AudioUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public AudioUnavailableException(String message) {
        super(message);
    }

    public AudioUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

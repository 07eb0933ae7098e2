package org.vigil.alarms.sound;

import javax.sound.sampled.AudioFormat;

/**
 * Opens the line the alarm sound is written to. The real one is {@link JavaSoundSink}; tests inject one that
 * captures the PCM or fails on demand.
 */
public interface AudioSink {

    /**
     * Opens an output for {@code format}.
     *
     * @throws AudioUnavailableException when there is no device or it cannot be opened
     */
    Output open(AudioFormat format) throws AudioUnavailableException;

    /** An open line. Used by one thread (the player's) at a time. */
    interface Output extends AutoCloseable {

        /**
         * Writes whole frames; blocks while the device's buffer is full (that is what paces the player).
         *
         * @throws AudioUnavailableException when the device fails or disappears
         */
        void write(byte[] pcm, int offset, int length) throws AudioUnavailableException;

        /** Releases the device; never throws. */
        @Override
        void close();
    }
}

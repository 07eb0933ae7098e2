package org.vigil.data.recording.codec;

/**
 * A waveform block that {@link WaveformCodec} cannot decode: too short, of an unknown format version, with a
 * header out of range, or failing its checksum (damaged or truncated). Its samples are lost, never guessed.
 * Immutable; any thread.
 */
public final class CorruptBlockException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CorruptBlockException(String message) {
        super(message);
    }
}

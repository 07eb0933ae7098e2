package org.vigil.alarms.sound;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;

/**
 * The real {@link AudioSink}: a {@link SourceDataLine} of the default mixer, with a small buffer so that a
 * change of priority is heard quickly.
 */
public final class JavaSoundSink implements AudioSink {

    /** The line's buffer: short enough that a newly written pulse is heard within this time. */
    public static final int BUFFER_MILLIS = 80;

    @Override
    public Output open(AudioFormat format) throws AudioUnavailableException {
        DataLine.Info info = new DataLine.Info(SourceDataLine.class, format);
        SourceDataLine line;
        try {
            line = (SourceDataLine) AudioSystem.getLine(info);
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            throw new AudioUnavailableException("no audio output for " + format + ": " + e.getMessage(), e);
        }
        int frames = (int) (format.getFrameRate() * BUFFER_MILLIS / 1000);
        try {
            line.open(format, frames * format.getFrameSize());
            line.start();
        } catch (LineUnavailableException | IllegalArgumentException | IllegalStateException | SecurityException e) {
            line.close();
            throw new AudioUnavailableException("cannot open the audio output: " + e.getMessage(), e);
        }
        return new LineOutput(line);
    }

    private record LineOutput(SourceDataLine line) implements Output {
        @Override
        public void write(byte[] pcm, int offset, int length) throws AudioUnavailableException {
            int done = 0;
            while (done < length) {
                if (!line.isOpen()) {
                    throw new AudioUnavailableException("the audio line was closed");
                }
                int n;
                try {
                    n = line.write(pcm, offset + done, length - done);
                } catch (IllegalArgumentException | IllegalStateException e) {
                    throw new AudioUnavailableException("cannot write to the audio line: " + e.getMessage(), e);
                }
                if (n <= 0 && !line.isOpen()) {
                    throw new AudioUnavailableException("the audio line was closed");
                }
                done += Math.max(n, 0);
            }
        }

        @Override
        public void close() {
            try {
                line.stop();
                line.flush();
            } finally {
                line.close();
            }
        }
    }
}

package org.vigil.app;

import java.util.concurrent.atomic.AtomicLong;
import org.vigil.alarms.sound.AudioSink;

/**
 * An audio sink for the sound tests: what the real sound player writes is not played but measured (the loudest
 * 16-bit sample, the last time anything was heard), paced like a real line. Written by the player's thread, read by
 * the test's.
 */
final class CapturingAudioSink implements AudioSink {
    private final AtomicLong loudestSample = new AtomicLong();
    private final AtomicLong lastSoundNanos = new AtomicLong(System.nanoTime());

    @Override
    public Output open(javax.sound.sampled.AudioFormat format) {
        return new Output() {
            @Override
            public void write(byte[] pcm, int offset, int length) {
                for (int i = offset; i + 1 < offset + length; i += 2) {
                    int sample = Math.abs((short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8)));
                    loudestSample.accumulateAndGet(sample, Math::max);
                    if (sample > 0) {
                        lastSoundNanos.set(System.nanoTime());
                    }
                }
                try {
                    Thread.sleep(1); // a real line paces the player; never spin
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void close() {
            }
        };
    }

    /** The loudest sample since the last {@link #reset()}. */
    long loudestSample() {
        return loudestSample.get();
    }

    void reset() {
        loudestSample.set(0);
    }

    /** Whether nothing has been heard for half a second (the last tone is over). */
    boolean quiet() {
        return System.nanoTime() - lastSoundNanos.get() > 500_000_000L;
    }
}

package org.vigil.alarms.sound;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sound.sampled.AudioFormat;

/**
 * A test {@link AudioSink}: captures the PCM written (as 16-bit samples), counts opens, and fails opening or
 * writing on demand. Each write sleeps 1 ms, so the player runs about ten times faster than real time instead of
 * spinning.
 */
final class CapturingAudioSink implements AudioSink {
    final AtomicInteger opens = new AtomicInteger();
    final AtomicInteger openAttempts = new AtomicInteger();
    final AtomicBoolean failOpen = new AtomicBoolean();
    final AtomicBoolean failWrite = new AtomicBoolean();
    private short[] captured = new short[1 << 16];
    private int size;
    volatile AudioFormat format;

    @Override
    public Output open(AudioFormat f) throws AudioUnavailableException {
        openAttempts.incrementAndGet();
        if (failOpen.get()) {
            throw new AudioUnavailableException("no audio device (test)");
        }
        format = f;
        opens.incrementAndGet();
        return new Output() {
            @Override
            public void write(byte[] pcm, int offset, int length) throws AudioUnavailableException {
                if (failWrite.get()) {
                    throw new AudioUnavailableException("device unplugged (test)");
                }
                append(pcm, offset, length);
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void close() {
            }
        };
    }

    private synchronized void append(byte[] pcm, int offset, int length) {
        int n = length / 2;
        if (size + n > captured.length) {
            captured = Arrays.copyOf(captured, Math.max(captured.length * 2, size + n));
        }
        for (int i = 0; i < n; i++) {
            captured[size + i] = (short) ((pcm[offset + 2 * i] & 0xff) | (pcm[offset + 2 * i + 1] << 8));
        }
        size += n;
    }

    synchronized short[] captured() {
        return Arrays.copyOf(captured, size);
    }

    synchronized int samples() {
        return size;
    }

    synchronized void clear() {
        size = 0;
    }
}

package org.vigil.ui;

import org.vigil.link.live.LatencyRecorder;

/**
 * Frame rate, dropped frames and per-frame work of the console, for the station's health message. Written by the
 * JavaFX thread; read by any thread.
 */
public final class FrameStats {
    private static final long FRAME_NANOS = 1_000_000_000L / 60;

    private final LatencyRecorder frameWork = new LatencyRecorder();
    private volatile double fps;
    private volatile long droppedFrames;
    private long windowStart;
    private int framesInWindow;
    private long lastFrame;

    /** Called once per frame on the JavaFX thread with the pulse time and the nanoseconds the frame's work took. */
    public void frame(long now, long workNanos) {
        frameWork.record(workNanos / 1_000);
        if (lastFrame != 0) {
            long gap = now - lastFrame;
            if (gap > 2 * FRAME_NANOS) {
                droppedFrames += gap / FRAME_NANOS - 1;
            }
        }
        lastFrame = now;
        if (windowStart == 0) {
            windowStart = now;
        }
        framesInWindow++;
        long span = now - windowStart;
        if (span >= 1_000_000_000L) {
            fps = framesInWindow * 1e9 / span;
            framesInWindow = 0;
            windowStart = now;
        }
    }

    public double fps() {
        return fps;
    }

    public long droppedFrames() {
        return droppedFrames;
    }

    /** p99 of the work per frame (reading buffers and drawing), in ms. */
    public double renderLatencyMsP99() {
        return frameWork.percentileMs(99);
    }
}

package org.vigil.ui.ward;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import org.vigil.link.live.BedLive;
import org.vigil.link.live.SampleRing;

/**
 * One sweeping trace in a horizontal band of a canvas, drawn as bedside monitors do: each frame draws only the
 * samples that became due since the last frame and clears a narrow erase bar ahead of the pen, so a frame costs
 * what arrived, not the width of the screen. Samples are played out at their own rate a little behind the newest
 * one, so messages that arrive every 250 ms still give a smooth sweep. JavaFX thread only.
 */
final class SweepTrace {
    /** Seconds across the full width. */
    static final double SWEEP_SECONDS = 6.0;
    /** How far behind the newest sample the pen runs: one message period plus jitter. */
    private static final double PLAYOUT_DELAY_SECONDS = 0.4;
    private static final double ERASE_BAR_PX = 10;

    private final BedLive bed;
    private final String code;
    private final Color color;
    private final boolean autoScale;
    private double fixedMin;
    private double fixedMax;

    private SampleRing ring;
    private long next = -1;       // next ring index to draw
    private double playout;       // play-out position in samples (fractional)
    private double x;             // pen x in px
    private double lastY = Double.NaN;
    // auto-scale: range of the previous sweep, and of this one so far
    private double scaleMin = Double.NaN;
    private double scaleMax = Double.NaN;
    private double sweepMin = Double.POSITIVE_INFINITY;
    private double sweepMax = Double.NEGATIVE_INFINITY;

    /** A trace with a fixed range (ECG in mV). */
    static SweepTrace fixed(BedLive bed, String code, Color color, double min, double max) {
        SweepTrace t = new SweepTrace(bed, code, color, false);
        t.fixedMin = min;
        t.fixedMax = max;
        return t;
    }

    /** A trace scaled to the range of its previous sweep (pleth, respiration). */
    static SweepTrace autoScaled(BedLive bed, String code, Color color) {
        return new SweepTrace(bed, code, color, true);
    }

    private SweepTrace(BedLive bed, String code, Color color, boolean autoScale) {
        this.bed = bed;
        this.code = code;
        this.color = color;
        this.autoScale = autoScale;
    }

    /** Restart the sweep at the left edge, e.g. after a resize cleared the canvas. */
    void restart() {
        x = 0;
        lastY = Double.NaN;
    }

    /**
     * Draws what became due in {@code dtSeconds}, in the band [top, top + height) of a canvas {@code width} wide.
     *
     * @return the number of samples drawn
     */
    int draw(GraphicsContext g, double width, double top, double height, double dtSeconds) {
        SampleRing r = bed.ring(code);
        if (r == null) {
            return 0;
        }
        if (r != ring) { // first data, or the device changed its rate
            ring = r;
            next = -1;
        }
        long written = r.written();
        double rate = r.rate();
        double delay = PLAYOUT_DELAY_SECONDS * rate;
        if (next < 0 || written - next > r.capacity() - rate) {
            // start (or fell too far behind): run the pen just behind the newest sample
            next = Math.max(0, written - (long) delay);
            playout = next;
            lastY = Double.NaN;
        }
        playout += rate * Math.min(dtSeconds, 0.25);
        double backlog = written - playout;
        if (backlog > 2 * delay) {
            playout += (backlog - delay) * 0.05; // drift: catch up gently instead of jumping
        }
        if (playout > written) {
            playout = written; // nothing due yet: the pen waits (a silent bed stops, it does not draw a line)
        }
        long upTo = (long) playout;
        if (upTo <= next) {
            return 0;
        }
        double pxPerSample = width / (SWEEP_SECONDS * rate);
        double min = autoScale ? scaleMin : fixedMin;
        double max = autoScale ? scaleMax : fixedMax;
        double margin = height * 0.08;
        double span = (Double.isNaN(min) || max - min < 1e-9) ? Double.NaN : (max - min);

        // erase ahead of the pen for what this frame will cover
        double startX = x;
        double endX = x + (upTo - next) * pxPerSample;
        eraseBar(g, width, top, height, startX, endX);

        g.setStroke(color);
        g.beginPath();
        boolean penDown = !Double.isNaN(lastY);
        if (penDown) {
            g.moveTo(x, lastY);
        }
        int drawn = 0;
        for (long i = next; i < upTo; i++) {
            float v = r.get(i);
            double nx = x + pxPerSample;
            if (nx >= width) { // wrap: new sweep from the left edge
                nx = 0;
                penDown = false;
                finishSweepScale();
            }
            if (Float.isNaN(v)) {
                penDown = false; // a gap stays a gap
                lastY = Double.NaN;
            } else {
                if (autoScale) {
                    sweepMin = Math.min(sweepMin, v);
                    sweepMax = Math.max(sweepMax, v);
                }
                double y = Double.isNaN(span) ? top + height / 2
                        : top + margin + (height - 2 * margin) * (1 - (v - min) / span);
                y = Math.max(top + 1, Math.min(top + height - 1, y));
                if (penDown) {
                    g.lineTo(nx, y);
                } else {
                    g.moveTo(nx, y);
                    penDown = true;
                }
                lastY = y;
            }
            x = nx;
            drawn++;
        }
        g.stroke();
        next = upTo;
        return drawn;
    }

    private void finishSweepScale() {
        if (autoScale && sweepMax > sweepMin) {
            scaleMin = sweepMin;
            scaleMax = sweepMax;
        }
        sweepMin = Double.POSITIVE_INFINITY;
        sweepMax = Double.NEGATIVE_INFINITY;
    }

    private static void eraseBar(GraphicsContext g, double width, double top, double height, double from, double to) {
        double a = from + 1;
        double b = to + ERASE_BAR_PX;
        if (b <= width) {
            g.clearRect(a, top, b - a, height);
        } else {
            g.clearRect(a, top, width - a, height);
            g.clearRect(0, top, Math.min(width, b - width), height);
        }
    }
}

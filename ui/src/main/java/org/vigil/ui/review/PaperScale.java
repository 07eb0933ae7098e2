package org.vigil.ui.review;

import java.time.Duration;
import java.time.Instant;

/**
 * Millimetres of ECG paper in pixels (or any other unit): 25 mm/s horizontally and 10 mm/mV vertically, as on a
 * bedside recorder, so that a strip on screen measures like one on paper. Immutable, any thread.
 *
 * @param unitsPerMm pixels (on screen: the screen's dots per inch / 25.4) or points (PDF: 72 / 25.4) per millimetre
 */
public record PaperScale(double unitsPerMm) {
    /** Paper speed of full disclosure and strips. */
    public static final double MM_PER_SECOND = 25;
    /** ECG gain. */
    public static final double MM_PER_MV = 10;
    /** The paper grid: a thin line every millimetre, a thick one every 5 mm (0.2 s, 0.5 mV). */
    public static final double MINOR_MM = 1;
    public static final double MAJOR_MM = 5;
    private static final double MM_PER_INCH = 25.4;

    public PaperScale {
        if (!(unitsPerMm > 0) || Double.isInfinite(unitsPerMm)) {
            throw new IllegalArgumentException("units per mm must be a positive number: " + unitsPerMm);
        }
    }

    /** The scale of a screen of this many dots per inch (JavaFX's {@code Screen.getDpi()}). */
    public static PaperScale ofDpi(double dpi) {
        if (!(dpi > 0) || Double.isInfinite(dpi)) {
            throw new IllegalArgumentException("screen DPI must be a positive number: " + dpi);
        }
        return new PaperScale(dpi / MM_PER_INCH);
    }

    /** PDF user space: 72 points per inch. */
    public static PaperScale pdfPoints() {
        return new PaperScale(72 / MM_PER_INCH);
    }

    public double units(double mm) {
        return mm * unitsPerMm;
    }

    public double unitsPerSecond() {
        return MM_PER_SECOND * unitsPerMm;
    }

    public double unitsPerMv() {
        return MM_PER_MV * unitsPerMm;
    }

    /** Where {@code t} falls, in units right of {@code origin} (negative before it). */
    public double x(Instant t, Instant origin) {
        return seconds(origin, t) * unitsPerSecond();
    }

    /** The time at {@code x} units right of {@code origin}, to the microsecond. */
    public Instant timeAt(double x, Instant origin) {
        return origin.plusNanos(Math.round(x / unitsPerSecond() * 1e6) * 1000);
    }

    /** How long {@code units} of paper last. */
    public Duration duration(double units) {
        return Duration.ofNanos(Math.round(units / unitsPerSecond() * 1e9));
    }

    static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }
}

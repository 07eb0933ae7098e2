package org.vigil.link.sim;

/**
 * The shapes of one heart beat and one breath, as pure functions of time. The ECG beat is a sum of Gaussians in
 * the manner of McSharry et al.'s ECGSYN (P, Q, R, S and T waves) written directly in time rather than as the
 * solution of its differential equations; the pleth pulse is a skewed systolic wave followed by a dicrotic notch
 * and wave; a breath rises in the first 40 % of its cycle and falls in the rest.
 */
final class Morphology {

    /** Where the pleth's systolic peak lies after the R wave, in seconds (pulse transit to the finger). */
    static final double PLETH_DELAY = 0.22;

    /** Beats are scheduled at least this far ahead of the signals, since a P wave precedes its R wave. */
    static final double ECG_BEFORE_R = 0.40;
    /** How long after its R wave a beat still shapes the ECG. */
    static final double ECG_AFTER_R = 0.80;
    /** How long after its R wave a beat still shapes the pleth. */
    static final double PLETH_AFTER_R = 1.40;

    /** The fraction of a breath spent breathing in. */
    static final double INSPIRATION = 0.4;

    private Morphology() {
    }

    /**
     * The ECG (lead II, in mV) of one beat at {@code dt} seconds from its R wave. The QRS complex has a fixed
     * width; the P wave and the T wave move with the square root of the preceding RR interval (Bazett), so
     * the QT interval shortens at high heart rates and a fast rhythm's T wave does not run into the next P.
     *
     * @param rr the RR interval before this beat, in seconds
     * @param amplitude the R wave's height in mV; the other waves scale with it
     */
    static double ecgBeat(double dt, double rr, double amplitude) {
        if (dt < -ECG_BEFORE_R || dt > ECG_AFTER_R) {
            return 0;
        }
        double k = Math.sqrt(Math.clamp(rr, 0.3, 2.0));
        double s = amplitude / 1.2;
        double v = 0.13 * gauss(dt, -0.165 * k, 0.022 * k)  // P
                - 0.10 * gauss(dt, -0.028, 0.009)           // Q
                + 1.20 * gauss(dt, 0.0, 0.011)              // R
                - 0.27 * gauss(dt, 0.030, 0.010)            // S
                + 0.30 * gauss(dt, 0.300 * k, 0.058 * k);   // T
        return s * v;
    }

    /**
     * The pleth (photoplethysmogram, arbitrary unit, 0 to about 1) of one beat at {@code dt} seconds from its
     * R wave: a steep systolic upstroke peaking {@link #PLETH_DELAY} after R, a quicker fall to the dicrotic
     * notch, then the smaller dicrotic wave and a slow diastolic run-off.
     */
    static double plethPulse(double dt, double rr) {
        if (dt < 0 || dt > PLETH_AFTER_R) {
            return 0;
        }
        double k = Math.sqrt(Math.clamp(rr, 0.3, 2.0));
        double systolic = skewedGauss(dt, PLETH_DELAY, 0.050, 0.075);
        double dicrotic = 0.36 * skewedGauss(dt, PLETH_DELAY + 0.25 * k, 0.050 * k, 0.150 * k);
        return systolic + dicrotic;
    }

    /** The lung volume (0 at the end of expiration, 1 at the end of inspiration) at breath phase {@code phase}. */
    static double breath(double phase) {
        double x = phase - Math.floor(phase);
        if (x < INSPIRATION) {
            return 0.5 - 0.5 * Math.cos(Math.PI * x / INSPIRATION);
        }
        return 0.5 + 0.5 * Math.cos(Math.PI * (x - INSPIRATION) / (1 - INSPIRATION));
    }

    private static double gauss(double x, double mu, double sigma) {
        double z = (x - mu) / sigma;
        return Math.exp(-0.5 * z * z);
    }

    private static double skewedGauss(double x, double mu, double sigmaBefore, double sigmaAfter) {
        return gauss(x, mu, x < mu ? sigmaBefore : sigmaAfter);
    }
}

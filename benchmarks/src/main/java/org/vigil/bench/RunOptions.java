package org.vigil.bench;

/**
 * How the harness was asked to run. {@code quick} shortens every warm-up and measurement (a smoke check; its
 * figures are not for comparison).
 */
public record RunOptions(boolean quick) {

    /** {@code full} seconds normally, {@code quick} seconds with {@code --quick}. */
    public double seconds(double full, double quick) {
        return this.quick ? quick : full;
    }

    public int count(int full, int quick) {
        return this.quick ? quick : full;
    }
}

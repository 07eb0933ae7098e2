package org.vigil.ui.ward;

/**
 * How many columns and rows the bed grid uses for n tiles in a w x h area: the arrangement whose tiles come
 * closest to the preferred shape (wider than tall, traces need width) while all tiles fit. Pure; any thread.
 */
public record BedGridLayout(int columns, int rows) {

    /** Width over height that a tile looks best at: two traces left, numerics right. */
    static final double PREFERRED_ASPECT = 1.9;

    public static BedGridLayout fit(int n, double width, double height) {
        if (n <= 0) {
            return new BedGridLayout(1, 1);
        }
        BedGridLayout best = null;
        double bestScore = Double.MAX_VALUE;
        for (int cols = 1; cols <= n; cols++) {
            int rows = (n + cols - 1) / cols;
            double aspect = (width / cols) / (height / rows);
            // penalise distorted tiles and empty cells
            double score = Math.abs(Math.log(aspect / PREFERRED_ASPECT)) + 0.15 * (cols * rows - n) / (double) n;
            if (score < bestScore) {
                bestScore = score;
                best = new BedGridLayout(cols, rows);
            }
        }
        return best;
    }
}

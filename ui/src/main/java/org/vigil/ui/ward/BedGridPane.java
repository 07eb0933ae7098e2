package org.vigil.ui.ward;

import javafx.scene.Node;
import javafx.scene.layout.Pane;
import org.vigil.ui.Styles;

/** Lays its tiles out in the {@link BedGridLayout} that fits its current size; re-flows on resize. FX thread. */
final class BedGridPane extends Pane {
    private static final double GAP = 2;

    BedGridPane() {
        getStyleClass().add(Styles.BED_GRID);
    }

    @Override
    protected void layoutChildren() {
        var tiles = getManagedChildren();
        double w = getWidth() - snappedLeftInset() - snappedRightInset();
        double h = getHeight() - snappedTopInset() - snappedBottomInset();
        BedGridLayout grid = BedGridLayout.fit(tiles.size(), w, h);
        double tw = Math.floor((w - GAP * (grid.columns() - 1)) / grid.columns());
        double th = Math.floor((h - GAP * (grid.rows() - 1)) / grid.rows());
        for (int i = 0; i < tiles.size(); i++) {
            Node tile = tiles.get(i);
            int col = i % grid.columns();
            int row = i / grid.columns();
            tile.resizeRelocate(snappedLeftInset() + col * (tw + GAP), snappedTopInset() + row * (th + GAP), tw, th);
        }
    }

    @Override
    protected double computePrefWidth(double height) {
        return 1280;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 720;
    }
}

package org.vigil.ui.ward;

import java.time.Instant;
import javafx.collections.ListChangeListener;
import javafx.scene.layout.StackPane;
import org.vigil.alarms.AlarmBoard;
import org.vigil.data.model.AlarmPriority;

/**
 * The bed grid. Each frame it draws the traces' new samples; numerics of each tile refresh four times a second,
 * spread over the frames so that labels never all change in one frame. JavaFX thread only.
 */
public final class WardOverviewView extends StackPane {
    /** Frames between two refreshes of one tile's numerics: 15 frames at 60 fps = 4 per second. */
    static final int REFRESH_SPREAD = 15;

    private final WardOverviewViewModel model;
    private final BedGridPane grid = new BedGridPane();

    public WardOverviewView(WardOverviewViewModel model) {
        this.model = model;
        getChildren().add(grid);
        setId("ward-overview");
        model.tiles().forEach(t -> grid.getChildren().add(tile(t)));
        model.tiles().addListener((ListChangeListener<BedTileViewModel>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(t -> grid.getChildren().add(tile(t)));
            }
        });
    }

    private BedTileActions tileActions;

    private BedTileView tile(BedTileViewModel m) {
        BedTileView t = new BedTileView(m);
        t.setActions(tileActions);
        return t;
    }

    /** What the tiles' context menus and keys do, for every tile now and to come. */
    public void setTileActions(BedTileActions actions) {
        this.tileActions = actions;
        grid.getChildren().forEach(n -> ((BedTileView) n).setActions(actions));
    }

    public int tileCount() {
        return grid.getChildren().size();
    }

    /**
     * One animation frame.
     *
     * @return samples drawn
     */
    public int frame(long frameIndex, double dtSeconds, AlarmBoard board, Instant now, long frameNanos) {
        if (frameIndex % REFRESH_SPREAD == 0) {
            model.syncBeds();
        }
        int drawn = 0;
        var tiles = grid.getChildren();
        for (int i = 0; i < tiles.size(); i++) {
            BedTileView tile = (BedTileView) tiles.get(i);
            drawn += tile.drawTraces(dtSeconds);
            if ((i + frameIndex) % REFRESH_SPREAD == 0) {
                model.refresh(tile.model(), board, now);
            }
            AlarmPriority p = tile.model().highestPriorityProperty().get();
            tile.setFlashOff(org.vigil.ui.FlashPhase.off(p, frameNanos)); // the same phase as the bar's chips
        }
        return drawn;
    }

    /** Refreshes every tile now (first frame, tests). */
    public void refreshAll(AlarmBoard board, Instant now) {
        model.syncBeds();
        for (var node : grid.getChildren()) {
            model.refresh(((BedTileView) node).model(), board, now);
        }
    }
}

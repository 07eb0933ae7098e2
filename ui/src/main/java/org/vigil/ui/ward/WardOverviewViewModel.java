package org.vigil.ui.ward;

import java.time.Instant;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.vigil.alarms.AlarmBoard;
import org.vigil.link.live.BedLive;
import org.vigil.ui.StationContext;

/**
 * The ward overview's state: one {@link BedTileViewModel} per bed in display order (configured beds, then
 * unassigned ones as they appear). JavaFX thread only; never touches a Node.
 */
public final class WardOverviewViewModel {
    private final StationContext context;
    private final ObservableList<BedTileViewModel> tiles = FXCollections.observableArrayList();

    public WardOverviewViewModel(StationContext context) {
        this.context = context;
        syncBeds();
    }

    public ObservableList<BedTileViewModel> tiles() {
        return tiles;
    }

    /** Adds tiles for beds that appeared since the last call (unassigned beds go at the end). */
    public void syncBeds() {
        List<BedLive> beds = context.live().beds();
        for (int i = tiles.size(); i < beds.size(); i++) {
            tiles.add(new BedTileViewModel(beds.get(i)));
        }
    }

    /** Refreshes one tile's numerics and alarm state from the live data. */
    public void refresh(BedTileViewModel tile, AlarmBoard board, Instant now) {
        String bed = tile.bed().bedId();
        tile.refresh(board.forBed(bed), context.patientOfBed().apply(bed), now, context.noDataAfter(),
                context.monitoringInterrupted());
        tile.refreshSettings(board.settings(bed), board.bedPausedUntil(bed, now), now);
    }
}

package org.vigil.ui.review;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.MouseEvent;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.data.store.AlarmLogEntry;
import org.vigil.link.live.BedLive;
import org.vigil.ui.StationContext;
import org.vigil.ui.alarms.history.AlarmHistorySource;
import org.vigil.ui.ward.BedTileView;

/**
 * How the console opens the review views: trends (Ctrl+T) and full disclosure (Ctrl+R) of the selected bed (the
 * tile last clicked; before any click, the bed of the top alarm or the first bed), the same from a tile's context
 * menu, and the jump from an alarm to its waveform 10 s before the onset. Owns the review's background thread
 * ({@code vigil-review}), where every read of the recording runs. When the station records nothing it says
 * "Recording not available" instead. JavaFX thread only (except {@link #close()}).
 */
public final class ReviewLauncher implements ReviewNavigator, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReviewLauncher.class);
    /** An alarm's waveforms open this long before its onset. */
    public static final Duration BEFORE_ONSET = Duration.ofSeconds(10);
    /** Ctrl+R opens the waveforms this long before now. */
    static final Duration REVIEW_BACK = Duration.ofMinutes(1);
    public static final String NOT_AVAILABLE = "Recording not available";

    private final StationContext station;
    private final Supplier<Window> owner;
    private final Consumer<String> message;
    private final ExecutorService executor;
    private final CompletableFuture<Path> documents;
    private volatile AlarmHistorySource alarmLog;
    private volatile ChartFromTrends chartVitals;
    private FullDisclosureView.StripTarget stripTarget = FullDisclosureView.fileChooser();
    private String selectedBed;
    private Node ward;

    /**
     * @param owner   the console's window (owner of the review windows)
     * @param message shows a line on the console's status bar
     */
    public ReviewLauncher(StationContext station, Supplier<Window> owner, Consumer<String> message) {
        this.station = station;
        this.owner = owner;
        this.message = message;
        this.executor = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("vigil-review").daemon()
                .uncaughtExceptionHandler((t, e) -> LOG.error("Uncaught in {}", t.getName(), e)).factory());
        this.documents = CompletableFuture.supplyAsync(DocumentsFolder::find, executor);
    }

    /** The alarm log for the trends' markers (set when the console gets its alarm history). */
    public void setAlarmLog(AlarmHistorySource source) {
        this.alarmLog = source;
    }

    /**
     * How the trends chart a minute (the console's "Chart vitals" pre-filled with its medians); null, the default:
     * the trends offer no charting.
     */
    public void setChartVitals(ChartFromTrends chart) {
        this.chartVitals = chart;
    }

    /** Where exported strips go (tests write to a fixed file instead of asking). */
    public void setStripTarget(FullDisclosureView.StripTarget target) {
        this.stripTarget = target;
    }

    /** True when the station records (the review views can open). */
    public boolean available() {
        return station.recording() != null;
    }

    /** The review's context, or null when nothing is recorded. */
    public ReviewContext context() {
        if (station.recording() == null) {
            return null;
        }
        Path home = Path.of(System.getProperty("user.home"));
        return new ReviewContext(station.ward(), station.recording(), alarmLog, executor, Platform::runLater,
                station.clock(), ZoneId.systemDefault(), station.patientOfBed(), this::bedLabel,
                () -> station.live().beds().stream().map(BedLive::bedId).toList(), documents.getNow(home),
                chartVitals);
    }

    /**
     * Tracks the selected bed: the tile last pressed or focused. A tile whose context menu is not handled by the
     * tile itself gets one with the review entries ({@link #menuItems}).
     */
    public void install(Node ward) {
        this.ward = ward;
        ward.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            String bed = bedAt(e.getPickResult().getIntersectedNode());
            if (bed != null) {
                selectedBed = bed;
            }
        });
        ward.addEventHandler(ContextMenuEvent.CONTEXT_MENU_REQUESTED, e -> {
            String bed = bedAt(e.getPickResult().getIntersectedNode());
            if (bed == null) {
                return;
            }
            selectedBed = bed;
            ContextMenu menu = new ContextMenu(menuItems(bed).toArray(MenuItem[]::new));
            menu.setId("review-menu");
            menu.show(ward, e.getScreenX(), e.getScreenY());
            e.consume();
        });
    }

    /**
     * The review entries of a bed's menu: "Trends (Ctrl+T)", "Full disclosure (Ctrl+R)". The one place they are
     * made: a tile's own context menu should append these.
     */
    public List<MenuItem> menuItems(String bed) {
        MenuItem trends = new MenuItem("Trends (Ctrl+T)");
        trends.setId("review-menu-trends");
        trends.setOnAction(e -> openTrends(bed));
        MenuItem waves = new MenuItem("Full disclosure (Ctrl+R)");
        waves.setId("review-menu-waveforms");
        waves.setOnAction(e -> openWaveforms(bed, station.clock().instant().minus(REVIEW_BACK), null));
        return List.of(trends, waves);
    }

    private static String bedAt(Node n) {
        for (Node at = n; at != null; at = at.getParent()) {
            if (at instanceof BedTileView tile) {
                return tile.model().bed().bedId();
            }
        }
        return null;
    }

    /** The bed Ctrl+T and Ctrl+R open: the tile last clicked, else the bed of the top alarm, else the first. */
    public String selectedBed() {
        Node focused = ward == null || ward.getScene() == null ? null : ward.getScene().getFocusOwner();
        String focusedBed = bedAt(focused);
        if (focusedBed != null) {
            return focusedBed;
        }
        if (selectedBed != null) {
            return selectedBed;
        }
        var active = station.alarms().get().active();
        for (var a : active) {
            if (station.live().bed(a.bed()) != null) {
                return a.bed();
            }
        }
        var beds = station.live().beds();
        return beds.isEmpty() ? null : beds.getFirst().bedId();
    }

    public void selectBed(String bed) {
        selectedBed = bed;
    }

    /** Ctrl+T. */
    public void openSelectedTrends() {
        String bed = selectedBed();
        if (bed != null) {
            openTrends(bed);
        }
    }

    /** Ctrl+R: the selected bed's waveforms from a minute ago. */
    public void openSelectedWaveforms() {
        String bed = selectedBed();
        if (bed != null) {
            openWaveforms(bed, station.clock().instant().minus(REVIEW_BACK), null);
        }
    }

    @Override
    public void openTrends(String bed) {
        ReviewContext review = context();
        if (review == null) {
            message.accept(NOT_AVAILABLE);
            return;
        }
        TrendsView.open(owner.get(), review, this, bed);
    }

    @Override
    public void openWaveforms(String bed, Instant at, AlarmMarker alarm) {
        ReviewContext review = context();
        if (review == null) {
            message.accept(NOT_AVAILABLE);
            return;
        }
        FullDisclosureView.open(owner.get(), review, bed, at, alarm, stripTarget);
    }

    /** The jump from the alarm history: the alarm's waveforms 10 s before its onset. */
    public void showAlarm(AlarmLogEntry entry) {
        ReviewContext review = context();
        if (review == null) {
            message.accept(NOT_AVAILABLE);
            return;
        }
        FullDisclosureView.openAlarm(owner.get(), review, entry, stripTarget);
    }

    private String bedLabel(String bedId) {
        BedLive b = bedId == null ? null : station.live().bed(bedId);
        return b == null ? String.valueOf(bedId) : b.label();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}

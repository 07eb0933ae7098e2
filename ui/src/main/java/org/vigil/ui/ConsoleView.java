package org.vigil.ui;

import java.time.Instant;
import javafx.animation.AnimationTimer;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import org.vigil.alarms.AlarmBoard;
import org.vigil.link.live.BedLive;
import org.vigil.ui.alarms.AlarmBarView;
import org.vigil.ui.alarms.AlarmBarViewModel;
import org.vigil.ui.station.StatusBarView;
import org.vigil.ui.station.StatusBarViewModel;
import org.vigil.ui.ward.WardOverviewView;
import org.vigil.ui.ward.WardOverviewViewModel;

/**
 * The whole console: alarm bar and station state across the top, the bed grid below, and the one animation pulse
 * that drives them. The pulse reads what the MQTT side put in the ring buffers since the last frame; nothing is
 * pushed to the JavaFX thread per message. JavaFX thread only.
 */
public final class ConsoleView extends BorderPane {
    /** High priority flashes at 2 Hz, medium at 0.6 Hz, both 50% duty cycle, from this one shared timeline. */
    static final long HIGH_FLASH_PERIOD_NANOS = 500_000_000L;
    static final long MEDIUM_FLASH_PERIOD_NANOS = 1_666_666_667L;

    private final StationContext context;
    private final FrameStats stats = new FrameStats();
    private final WardOverviewView ward;
    private final AlarmBarViewModel alarmBarModel;
    private final AlarmBarView alarmBar;
    private final StatusBarViewModel statusModel;
    private final AnimationTimer pulse;

    public ConsoleView(StationContext context) {
        this.context = context;
        getStyleClass().add("console");
        ward = new WardOverviewView(new WardOverviewViewModel(context));
        alarmBarModel = new AlarmBarViewModel(this::bedLabel);
        alarmBar = new AlarmBarView(alarmBarModel);
        statusModel = new StatusBarViewModel(context);
        setTop(new VBox(alarmBar, new StatusBarView(statusModel, this::openDiagnostics)));
        setCenter(ward);
        ward.refreshAll(context.alarms().get(), context.clock().instant());
        pulse = new AnimationTimer() {
            private long last;
            private long frame;

            @Override
            public void handle(long now) {
                long started = System.nanoTime();
                double dt = last == 0 ? 0 : (now - last) / 1e9;
                last = now;
                AlarmBoard board = context.alarms().get();
                Instant wall = context.clock().instant();
                boolean highOff = now % HIGH_FLASH_PERIOD_NANOS >= HIGH_FLASH_PERIOD_NANOS / 2;
                boolean mediumOff = now % MEDIUM_FLASH_PERIOD_NANOS >= MEDIUM_FLASH_PERIOD_NANOS / 2;
                ward.frame(frame, dt, board, wall, highOff, mediumOff);
                if (frame % 15 == 0) {
                    alarmBarModel.refresh(board);
                }
                if (frame % 30 == 7) {
                    statusModel.refresh();
                }
                alarmBar.setFlash(highOff, mediumOff);
                frame++;
                stats.frame(now, System.nanoTime() - started);
            }
        };
    }

    public void start() {
        pulse.start();
    }

    /** Keyboard shortcuts of the console; call once the view is in its scene. */
    public void installShortcuts(javafx.scene.Scene scene) {
        scene.getAccelerators().put(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.D,
                javafx.scene.input.KeyCombination.SHORTCUT_DOWN), this::openDiagnostics);
    }

    public void openDiagnostics() {
        org.vigil.ui.diagnostics.DeviceDiagnosticsView.open(getScene().getWindow(), context);
    }

    public void stop() {
        pulse.stop();
    }

    public FrameStats frameStats() {
        return stats;
    }

    public WardOverviewView ward() {
        return ward;
    }

    private String bedLabel(String bedId) {
        BedLive b = context.live().bed(bedId);
        return b == null ? bedId : b.label();
    }
}

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
    private volatile org.vigil.ui.alarms.history.AlarmHistorySource alarmHistory;
    /** The console locks (logs the user out) after this long without a key press or mouse input. */
    public static final java.time.Duration IDLE_LOCK = java.time.Duration.ofMinutes(10);
    private java.time.Duration idleLock = IDLE_LOCK;
    private volatile Instant lastInput;

    public ConsoleView(StationContext context) {
        this.context = context;
        getStyleClass().add("console");
        ward = new WardOverviewView(new WardOverviewViewModel(context));
        alarmBarModel = new AlarmBarViewModel(this::bedLabel);
        alarmBar = new AlarmBarView(alarmBarModel, new AlarmBarView.Actions() {
            @Override
            public void acknowledge(String alarmId) {
                perform(context.actions().acknowledge(alarmId));
            }

            @Override
            public void pauseBedAudio(String bed) {
                perform(context.actions().pauseBedAudio(bed));
            }

            @Override
            public void alarmOff(String bed, String parameter) {
                perform(context.actions().alarmOff(bed, parameter, true));
            }

            @Override
            public void alarmOn(String bed, String parameter) {
                perform(context.actions().alarmOff(bed, parameter, false));
            }

            @Override
            public void pauseWardAudio() {
                ConsoleView.this.pauseWardAudio();
            }
        });
        statusModel = new StatusBarViewModel(context);
        statusModel.setSession(context.actions().currentUser(), context.actions().locked());
        lastInput = context.clock().instant();
        setTop(new VBox(alarmBar, new StatusBarView(statusModel, this::openDiagnostics, this::logInOrLock)));
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
                    alarmBarModel.refreshPause(board, wall);
                }
                if (frame % 30 == 7) {
                    statusModel.refresh();
                    statusModel.setSession(context.actions().currentUser(), context.actions().locked());
                    lockWhenIdle(wall);
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
        scene.getAccelerators().put(shortcut(javafx.scene.input.KeyCode.D), this::openDiagnostics);
        scene.getAccelerators().put(shortcut(javafx.scene.input.KeyCode.H), this::openAlarmHistory);
        scene.getAccelerators().put(shortcut(javafx.scene.input.KeyCode.K), this::acknowledgeTopAlarm);
        scene.getAccelerators().put(shortcut(javafx.scene.input.KeyCode.P), this::pauseWardAudio);
        scene.getAccelerators().put(shortcut(javafx.scene.input.KeyCode.L), this::logInOrLock);
        // any key or mouse input counts as presence; the console locks after IDLE_LOCK without any
        scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> lastInput = context.clock().instant());
        scene.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED, e -> lastInput = context.clock().instant());
        scene.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_MOVED, e -> lastInput = context.clock().instant());
    }

    private static javafx.scene.input.KeyCombination shortcut(javafx.scene.input.KeyCode key) {
        return new javafx.scene.input.KeyCodeCombination(key, javafx.scene.input.KeyCombination.SHORTCUT_DOWN);
    }

    /** Acknowledges the alarm at the head of the alarm bar (Ctrl+K). */
    public void acknowledgeTopAlarm() {
        var active = context.alarms().get().active();
        if (active.isEmpty()) {
            statusModel.showMessage("No alarm to acknowledge");
            return;
        }
        perform(context.actions().acknowledge(active.get(0).id()));
    }

    /** Pauses the ward's audio (Ctrl+P); the bar counts the pause down. */
    public void pauseWardAudio() {
        perform(context.actions().pauseWardAudio());
    }

    /** Opens the login dialog, or locks when someone is logged in (Ctrl+L). */
    public void logInOrLock() {
        if (context.actions().currentUser() != null) {
            perform(context.actions().lock("by hand"));
        } else {
            org.vigil.ui.users.CredentialsDialog.login(getScene() == null ? null : getScene().getWindow(),
                    context.actions(), this::apply).show();
        }
    }

    /** Offers the first-run set-up when no administrator exists yet (checked off the JavaFX thread). */
    public void offerFirstRun() {
        context.actions().firstRunNeeded().thenAccept(needed -> {
            if (needed) {
                javafx.application.Platform.runLater(() -> org.vigil.ui.users.CredentialsDialog.firstRun(
                        getScene() == null ? null : getScene().getWindow(), context.actions(), r -> {
                            apply(r);
                            logInOrLock();
                        }).show());
            }
        });
    }

    /** The console locks itself after this long without input (default {@link #IDLE_LOCK}). */
    public void setIdleLock(java.time.Duration after) {
        idleLock = after;
    }

    private void lockWhenIdle(Instant now) {
        if (context.actions().currentUser() != null && !now.isBefore(lastInput.plus(idleLock))) {
            lastInput = now; // once
            perform(context.actions().lock("no input for " + idleLock.toMinutes() + " min"));
        }
    }

    /** Applies an action's outcome once it is done, on the JavaFX thread: one runLater per user action. */
    private void perform(java.util.concurrent.CompletableFuture<org.vigil.ui.users.StationActions.Result> action) {
        action.whenComplete((r, failure) -> javafx.application.Platform.runLater(() -> {
            if (failure != null) {
                statusModel.showMessage("Failed: " + failure.getMessage());
            } else {
                apply(r);
            }
        }));
    }

    private void apply(org.vigil.ui.users.StationActions.Result r) {
        statusModel.setSession(r.user(), context.actions().locked());
        if (r.message() != null) {
            statusModel.showMessage(r.message());
        }
        if (r.done()) {
            alarmBarModel.refresh(context.alarms().get());
        }
    }

    /** The status line's model (message, session), for tests. */
    public StatusBarViewModel statusBar() {
        return statusModel;
    }

    public void openDiagnostics() {
        org.vigil.ui.diagnostics.DeviceDiagnosticsView.open(getScene().getWindow(), context);
    }

    /** Where the alarm history reads the alarm log (off the JavaFX thread); set by the composition root. */
    public void setAlarmHistory(org.vigil.ui.alarms.history.AlarmHistorySource source) {
        this.alarmHistory = source;
    }

    /** Opens the alarm history window (Ctrl+H); says so on the status line when no alarm log is available. */
    public void openAlarmHistory() {
        if (alarmHistory == null) {
            statusModel.showMessage("Alarm history not available");
            return;
        }
        java.util.List<String> beds = context.live().beds().stream().map(BedLive::bedId).toList();
        org.vigil.ui.alarms.history.AlarmHistoryView.open(getScene() == null ? null : getScene().getWindow(),
                context.ward(), context.clock(), beds, this::bedLabel, alarmHistory);
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

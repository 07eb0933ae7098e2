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
    /** High priority flashes at 2 Hz, medium at 0.6 Hz, both 50% duty cycle, from one shared timeline. */
    static final long HIGH_FLASH_PERIOD_NANOS = FlashPhase.HIGH_PERIOD_NANOS;
    static final long MEDIUM_FLASH_PERIOD_NANOS = FlashPhase.MEDIUM_PERIOD_NANOS;

    private final StationContext context;
    private final FrameStats stats = new FrameStats();
    private final WardOverviewView ward;
    private final AlarmBarViewModel alarmBarModel;
    private final AlarmBarView alarmBar;
    private final StatusBarViewModel statusModel;
    /** Trends and full disclosure (Ctrl+T, Ctrl+R, the alarm history's jump to a waveform). */
    private final org.vigil.ui.review.ReviewLauncher review;
    private final org.vigil.ui.alarms.EscalationBannerViewModel escalationModel;
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
        ward.setTileActions(new org.vigil.ui.ward.BedTileActions() {
            @Override
            public void acknowledgeBed(String bed) {
                perform(context.actions().acknowledgeBed(bed));
            }

            @Override
            public void pauseBedAudio(String bed) {
                perform(context.actions().pauseBedAudio(bed));
            }

            @Override
            public void editLimits(String bed) {
                openLimits(bed);
            }

            @Override
            public void admit(String bed) {
                openAdmit(bed);
            }

            @Override
            public void dischargeOrTransfer(String bed) {
                openDischargeOrTransfer(bed);
            }

            @Override
            public void chartVitals(String bed) {
                openChartVitals(bed);
            }

            @Override
            public void chartingEvents(String bed) {
                openChartingEvents(bed);
            }

            @Override
            public java.util.List<javafx.scene.control.MenuItem> reviewMenuItems(String bed) {
                return review.menuItems(bed);
            }
        });
        escalationModel = new org.vigil.ui.alarms.EscalationBannerViewModel(this::bedLabel);
        statusModel = new StatusBarViewModel(context);
        statusModel.setSession(context.actions().currentUser(), context.actions().locked());
        review = new org.vigil.ui.review.ReviewLauncher(context, () -> getScene() == null ? null : getScene().getWindow(),
                statusModel::showMessage);
        review.install(ward);
        lastInput = context.clock().instant();
        setTop(new VBox(alarmBar, new org.vigil.ui.alarms.EscalationBannerView(escalationModel), new StatusBarView(statusModel, this::openDiagnostics, this::logInOrLock)));
        ((VBox) getTop()).getChildren().add(2, new org.vigil.ui.patients.AdmissionProposalsView(proposalsModel,
                p -> patientService == null ? java.util.concurrent.CompletableFuture.completedFuture(
                        org.vigil.ui.users.StationActions.Result.refused("EMR not configured", null))
                        : patientService.confirm(p),
                p -> {
                    if (patientService != null) {
                        patientService.dismiss(p);
                    }
                },
                r -> statusModel.showMessage(r.message())));
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
                // one frame time for every chip and tile: they flash in step (FlashPhase)
                ward.frame(frame, dt, board, wall, now);
                if (frame % 15 == 0) {
                    alarmBarModel.refresh(board);
                    alarmBarModel.refreshPause(board, wall);
                    escalationModel.refresh(board, wall);
                }
                if (frame % 30 == 7) {
                    statusModel.refresh();
                    statusModel.setSession(context.actions().currentUser(), context.actions().locked());
                    lockWhenIdle(wall);
                    if (patientService != null) {
                        proposalsModel.refresh(patientService.awaitingConfirmation());
                    }
                }
                alarmBar.setFlash(now);
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
        scene.getAccelerators().put(shortcut(javafx.scene.input.KeyCode.G), this::playTestTone);
        scene.getAccelerators().put(shortcut(javafx.scene.input.KeyCode.U), this::openAlarmVolume);
        scene.getAccelerators().put(shortcut(javafx.scene.input.KeyCode.T), review::openSelectedTrends);
        scene.getAccelerators().put(shortcut(javafx.scene.input.KeyCode.R), review::openSelectedWaveforms);
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

    /**
     * Opens the limit editor of a bed (a tile's context menu, or L on a focused tile). Applying needs a charge
     * nurse; the editor stays open with the refusal otherwise.
     */
    public void openLimits(String bed) {
        var model = new org.vigil.ui.alarms.limits.LimitsViewModel(bed, bedLabel(bed),
                context.alarms().get().settings(bed));
        new org.vigil.ui.alarms.limits.LimitsView(getScene() == null ? null : getScene().getWindow(), model,
                s -> context.actions().setBedSettings(bed, s), this::apply).show();
    }

    /** Admissions and charting (issue 6); null until the composition root sets them. */
    private volatile org.vigil.ui.patients.PatientService patientService;
    private volatile org.vigil.ui.charting.ChartingService chartingService;
    private final org.vigil.ui.patients.AdmissionProposalsViewModel proposalsModel =
            new org.vigil.ui.patients.AdmissionProposalsViewModel();

    /** Where admissions and charting go (off the JavaFX thread); set by the composition root. */
    public void setPatientServices(org.vigil.ui.patients.PatientService patients,
                                  org.vigil.ui.charting.ChartingService charting) {
        this.patientService = patients;
        this.chartingService = charting;
        // the trends chart a picked minute through the same dialog ("Chart vitals at 03:00")
        review.setChartVitals(charting == null ? null : this::openChartVitalsAt);
    }

    private javafx.stage.Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    /** "Anna Berg (MRN 1001)" for the dialogs' titles, or null without a patient. */
    private String patientText(String bed) {
        org.vigil.data.model.Patient p = context.patientOfBed().apply(bed);
        return p == null ? null : p.name() + (p.mrn() == null ? "" : " (MRN " + p.mrn() + ")");
    }

    /** Opens the admit dialog of a bed (tile menu). */
    public void openAdmit(String bed) {
        if (patientService == null) {
            statusModel.showMessage("Admission is not available at this station");
            return;
        }
        var model = new org.vigil.ui.patients.AdmitViewModel(bed, bedLabel(bed), patientService.emrConfigured(),
                java.time.LocalDate.ofInstant(context.clock().instant(), java.time.ZoneId.systemDefault()));
        new org.vigil.ui.patients.AdmitView(window(), model, patientService, this::apply).show();
    }

    /** Opens discharge / transfer of a bed's patient (tile menu). */
    public void openDischargeOrTransfer(String bed) {
        String patient = patientText(bed);
        if (patientService == null || patient == null) {
            statusModel.showMessage(patientService == null ? "Admission is not available at this station"
                    : bedLabel(bed) + " has no patient");
            return;
        }
        java.util.List<org.vigil.ui.patients.BedPatientViewModel.Target> empty = context.live().beds().stream()
                .filter(b -> b.configured() && context.patientOfBed().apply(b.bedId()) == null)
                .map(b -> new org.vigil.ui.patients.BedPatientViewModel.Target(b.bedId(), b.label())).toList();
        var model = new org.vigil.ui.patients.BedPatientViewModel(bed, bedLabel(bed), patient, empty);
        new org.vigil.ui.patients.BedPatientView(window(), model, patientService, this::apply).show();
    }

    /** Opens "Chart vitals" for a bed (tile menu, C on a focused tile). */
    public void openChartVitals(String bed) {
        openChartVitals(bed, null);
    }

    /** Opens "Chart vitals" for a bed with the medians of the minute starting at {@code minute} (from the trends). */
    public void openChartVitalsAt(String bed, java.time.Instant minute) {
        openChartVitals(bed, java.util.Objects.requireNonNull(minute, "minute"));
    }

    /** {@code minute} null: the current values. */
    private void openChartVitals(String bed, java.time.Instant minute) {
        String patient = patientText(bed);
        if (chartingService == null || patient == null) {
            statusModel.showMessage(chartingService == null ? "Charting is not available at this station"
                    : bedLabel(bed) + " has no patient: admit one before charting");
            return;
        }
        var model = new org.vigil.ui.charting.ChartVitalsViewModel(bed, bedLabel(bed), patient,
                java.time.ZoneId.systemDefault());
        Runnable current = () -> {
            BedLive live = context.live().bed(bed);
            if (live != null) {
                model.loadCurrent(live, context.clock().instant(), context.noDataAfter());
            }
        };
        if (minute == null) {
            current.run();
        } else {
            model.loadingMinute(minute);
        }
        var view = new org.vigil.ui.charting.ChartVitalsView(window(), model, chartingService,
                context.actions().currentUser(), context.clock(), this::apply);
        view.setReloadCurrent(current);
        if (minute != null) {
            view.loadMinute(minute);
        }
        view.show();
    }

    /** Opens the charting events of a bed's patient: pending, sent, refused with the EMR's text (tile menu). */
    public void openChartingEvents(String bed) {
        if (chartingService == null) {
            statusModel.showMessage("Charting is not available at this station");
            return;
        }
        var model = new org.vigil.ui.charting.ChartingEventsViewModel(bedLabel(bed), patientText(bed),
                java.time.ZoneId.systemDefault());
        org.vigil.ui.charting.ChartingEventsView.open(window(), model, () -> chartingService.events(bed)
                .thenApply(list -> {
                    var status = chartingService.status();
                    return () -> model.show(list, status);
                }));
    }

    /** Pauses the ward's audio (Ctrl+P); the bar counts the pause down. */
    public void pauseWardAudio() {
        perform(context.actions().pauseWardAudio());
    }

    /** Plays the alarm test tone on demand (Ctrl+G), so a nurse can check the sounds are heard. */
    public void playTestTone() {
        perform(context.actions().playTestTone());
    }

    /** Opens this console's alarm volume (Ctrl+U); applying needs a charge nurse and plays the test tone at it. */
    public void openAlarmVolume() {
        Integer current = context.actions().alarmVolumePercent();
        if (current == null) {
            statusModel.showMessage("This console has no alarm audio (--audio off): there is no volume to set");
            return;
        }
        new org.vigil.ui.alarms.volume.AlarmVolumeView(window(),
                new org.vigil.ui.alarms.volume.AlarmVolumeViewModel(current), context.actions(), this::apply).show();
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
        review.setAlarmLog(source);
    }

    /** Opens the alarm history window (Ctrl+H); says so on the status line when no alarm log is available. */
    public void openAlarmHistory() {
        if (alarmHistory == null) {
            statusModel.showMessage("Alarm history not available");
            return;
        }
        java.util.List<String> beds = context.live().beds().stream().map(BedLive::bedId).toList();
        org.vigil.ui.alarms.history.AlarmHistoryView.open(getScene() == null ? null : getScene().getWindow(),
                context.ward(), context.clock(), beds, this::bedLabel, alarmHistory,
                review.available() ? review::showAlarm : null);
    }

    public void stop() {
        pulse.stop();
        review.close();
    }

    public FrameStats frameStats() {
        return stats;
    }

    /** Opens the review views (trends, full disclosure) of the console. */
    public org.vigil.ui.review.ReviewLauncher review() {
        return review;
    }

    public WardOverviewView ward() {
        return ward;
    }

    private String bedLabel(String bedId) {
        BedLive b = context.live().bed(bedId);
        return b == null ? bedId : b.label();
    }
}

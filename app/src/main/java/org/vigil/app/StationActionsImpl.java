package org.vigil.app;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.alarms.Alarm;
import org.vigil.alarms.AlarmEngine;
import org.vigil.data.model.Patient;
import org.vigil.data.model.Permission;
import org.vigil.data.model.User;
import org.vigil.data.model.WardAudioPause;
import org.vigil.data.store.AuditLog;
import org.vigil.data.store.FirstRun;
import org.vigil.data.store.UserStore;
import org.vigil.ui.users.StationActions;

/**
 * The console's actions at this station: the logged-in user's session, the permission check and the audit row of
 * every action (done or refused), committed before the alarm engine is told, so that what shows as done is durably
 * logged. Everything runs on the given executor (one thread, "vigil-actions"), never on the JavaFX thread.
 */
final class StationActionsImpl implements StationActions {
    private static final Logger LOG = LoggerFactory.getLogger(StationActionsImpl.class);

    static final String LOCK = "lock";
    static final String ALARM_ACK = "alarm_ack";
    static final String ALARM_ACK_BED = "alarm_ack_bed";
    static final String AUDIO_PAUSE_BED = "audio_pause_bed";
    static final String AUDIO_PAUSE_WARD = "audio_pause_ward";
    static final String ALARM_OFF = "alarm_off";
    static final String ALARM_ON = "alarm_on";
    /** Appended to the action of a refused one, e.g. {@code alarm_off_refused}. */
    static final String REFUSED = "_refused";

    private final UserStore users;
    private final AuditLog audit;
    private final AlarmEngine alarms;
    private final Consumer<WardAudioPause> publishWardPause;
    private final Function<String, Patient> patientOfBed;
    private final String station;
    private final Clock clock;
    private final Executor executor;
    private volatile User user;
    private volatile boolean locked;

    StationActionsImpl(UserStore users, AuditLog audit, AlarmEngine alarms, Consumer<WardAudioPause> publishWardPause,
                       Function<String, Patient> patientOfBed, String station, Clock clock, Executor executor) {
        this.users = users;
        this.audit = audit;
        this.alarms = alarms;
        this.publishWardPause = publishWardPause;
        this.patientOfBed = patientOfBed;
        this.station = station;
        this.clock = clock;
        this.executor = executor;
    }

    @Override
    public User currentUser() {
        return user;
    }

    @Override
    public boolean locked() {
        return locked;
    }

    @Override
    public CompletableFuture<Result> logIn(String username, char[] password) {
        return async(() -> {
            Optional<User> u = users.authenticate(username, password); // zeroes the password; writes the audit row
            if (u.isEmpty()) {
                return Result.refused("Wrong username or password, or the user is disabled", user);
            }
            user = u.get();
            locked = false;
            return Result.done("Logged in: " + user.displayName() + " (" + user.role().label() + ")", user);
        }, () -> Arrays.fill(password, '\0'));
    }

    @Override
    public CompletableFuture<Result> lock(String reason) {
        return async(() -> {
            User u = user;
            if (u == null) {
                return Result.done(null, null);
            }
            audit.record(u.username(), station, LOCK, null, null, reason, clock.instant());
            user = null;
            locked = true;
            return Result.done("Locked (" + reason + "): monitoring goes on", null);
        }, null);
    }

    @Override
    public CompletableFuture<Boolean> firstRunNeeded() {
        return CompletableFuture.supplyAsync(() -> !users.hasAnyAdmin(), executor);
    }

    @Override
    public CompletableFuture<Result> createFirstAdmin(String username, char[] password, char[] repeated) {
        return async(() -> {
            if (repeated != null && !Arrays.equals(password, repeated)) {
                Arrays.fill(password, '\0');
                return Result.refused("The two passwords differ: type the same password twice", user);
            }
            try {
                User admin = FirstRun.createFirstAdmin(users, username, password);
                return Result.done("Administrator " + admin.username() + " created: log in", user);
            } catch (IllegalArgumentException | IllegalStateException e) { // WeakPasswordException, UsernameTakenException, bad username; an admin exists
                return Result.refused(e.getMessage(), user);
            }
        }, () -> {
            Arrays.fill(password, '\0');
            if (repeated != null) {
                Arrays.fill(repeated, '\0');
            }
        });
    }

    @Override
    public CompletableFuture<Result> acknowledge(String alarmId) {
        Alarm a = alarms.board().active().stream().filter(x -> x.id().equals(alarmId)).findFirst().orElse(null);
        String bed = a == null ? null : a.bed();
        return act(Permission.ACKNOWLEDGE_BED_ALARM, "acknowledge", ALARM_ACK, bed,
                "alarm " + alarmId + (a == null ? "" : " " + a.condition()),
                u -> {
                    alarms.acknowledge(alarmId, u.username());
                    return "Acknowledged" + (a == null ? "" : ": " + a.text());
                });
    }

    @Override
    public CompletableFuture<Result> acknowledgeBed(String bed) {
        return act(Permission.ACKNOWLEDGE_BED_ALARM, "acknowledge", ALARM_ACK_BED, bed, "all alarms of the bed",
                u -> {
                    alarms.acknowledgeBed(bed, u.username());
                    return "Acknowledged the bed's alarms";
                });
    }

    @Override
    public CompletableFuture<Result> pauseBedAudio(String bed) {
        return act(Permission.PAUSE_BED_AUDIO, "pause a bed's audio", AUDIO_PAUSE_BED, bed, "audio paused", u -> {
            Instant until = alarms.pauseAudio(bed);
            return "Audio of the bed paused until " + time(until);
        });
    }

    @Override
    public CompletableFuture<Result> pauseWardAudio() {
        return act(Permission.PAUSE_WARD_AUDIO, "pause the ward's audio", AUDIO_PAUSE_WARD, null, "ward audio paused",
                u -> {
                    Instant until = alarms.pauseAudio(null);
                    // the ward pause is shared: every station of the ward stops sounding until then
                    publishWardPause.accept(new WardAudioPause(until, u.username(), station, clock.instant()));
                    return "Ward audio paused until " + time(until);
                });
    }

    @Override
    public CompletableFuture<Result> alarmOff(String bed, String code, boolean off) {
        return act(Permission.SWITCH_ALARM_OFF, off ? "switch an alarm off" : "switch an alarm back on",
                off ? ALARM_OFF : ALARM_ON, bed, code, u -> {
                    alarms.setAlarmOff(bed, code, off);
                    return off ? "ALARM OFF: " + code : "Alarm on again: " + code;
                });
    }

    private interface Action {
        String apply(User u);
    }

    /**
     * Checks the permission, writes the audit row (committed) and only then applies the action. Refused: "Log in
     * to acknowledge" without a user, "Alarm off needs a charge nurse: log in as one" without the role.
     */
    private CompletableFuture<Result> act(Permission p, String what, String action, String bed, String detail,
                                          Action apply) {
        return async(() -> {
            User u = user;
            Instant at = clock.instant();
            Long patient = patientId(bed);
            if (u == null || !u.may(p)) {
                String message = u == null ? "Log in to " + what
                        : capitalized(subject(action, what)) + " needs a " + p.minimumRole().label().toLowerCase()
                        + ": log in as one";
                audit.record(u == null ? null : u.username(), station, action + REFUSED, bed, patient,
                        detail + ": " + (u == null ? "not logged in" : u.role().wireName() + " may not"), at);
                return Result.refused(message, u);
            }
            audit.record(u.username(), station, action, bed, patient, detail, at); // committed before it takes effect
            return Result.done(apply.apply(u), u);
        }, null);
    }

    private static String subject(String action, String what) {
        return switch (action) {
            case ALARM_OFF -> "alarm off";
            case ALARM_ON -> "alarm on";
            case AUDIO_PAUSE_WARD -> "ward audio pause";
            default -> what;
        };
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private Long patientId(String bed) {
        if (bed == null) {
            return null;
        }
        Patient p = patientOfBed.apply(bed);
        return p == null ? null : p.id();
    }

    private String time(Instant t) {
        return java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")
                .format(t.atZone(java.time.ZoneId.systemDefault()));
    }

    private CompletableFuture<Result> async(Supplier<Result> work, Runnable always) {
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return work.get();
                } catch (RuntimeException e) {
                    LOG.warn("Station action failed", e);
                    return Result.refused("Not done: " + e.getMessage(), user);
                } finally {
                    if (always != null) {
                        always.run();
                    }
                }
            }, executor);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            if (always != null) {
                always.run();
            }
            return CompletableFuture.completedFuture(Result.refused("The station is stopping", user));
        }
    }
}

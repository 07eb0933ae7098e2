package org.vigil.app;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.alarms.Alarm;
import org.vigil.alarms.AlarmEngine;
import org.vigil.alarms.sound.AlarmVolume;
import org.vigil.data.model.BedSettings;
import org.vigil.data.model.Patient;
import org.vigil.data.model.Permission;
import org.vigil.data.model.User;
import org.vigil.data.model.WardAudioPause;
import org.vigil.data.store.AuditLog;
import org.vigil.data.store.FirstRun;
import org.vigil.data.store.StationSettings;
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
    static final String BED_SETTINGS = "bed_settings";
    /** A login refused because the username is locked out after too many failures. */
    static final String LOGIN_LOCKED_OUT = "login_locked_out";
    /** The failure that locks a username out. */
    static final String LOGIN_LOCKOUT = UserStore.LOGIN_LOCKOUT;
    /** This many failed logins for one username within {@link #LOGIN_FAILURE_WINDOW} lock it out... */
    static final int LOGIN_FAILURES_BEFORE_LOCKOUT = 5;
    static final java.time.Duration LOGIN_FAILURE_WINDOW = java.time.Duration.ofMinutes(5);
    /** ...for this long: guessing passwords at the console becomes slow, a nurse who mistyped waits a minute. */
    static final java.time.Duration LOGIN_LOCKOUT_TIME = java.time.Duration.ofSeconds(60);
    /** Appended to the action of a refused one, e.g. {@code alarm_off_refused}. */
    static final String REFUSED = "_refused";

    private final UserStore users;
    private final AuditLog audit;
    private final AlarmEngine alarms;
    private final Consumer<WardAudioPause> publishWardPause;
    private final Consumer<BedSettings> publishSettings;
    /** Failed logins per username (recent ones) and lock-outs: touched only on the one actions thread. */
    private final Function<String, Patient> patientOfBed;
    private final String station;
    private final Clock clock;
    private final Executor executor;
    private volatile User user;
    private volatile boolean locked;

    /**
     * @param publishSettings shares a bed's settings with the ward's other stations (retained settings topic)
     * @param executor        where the blocking work (database, hashing) runs; one thread keeps actions in order
     */
    StationActionsImpl(UserStore users, AuditLog audit, AlarmEngine alarms, Consumer<WardAudioPause> publishWardPause,
                       Consumer<BedSettings> publishSettings, Function<String, Patient> patientOfBed, String station,
                       Clock clock, Executor executor) {
        this.users = users;
        this.audit = audit;
        this.alarms = alarms;
        this.publishWardPause = publishWardPause;
        this.publishSettings = publishSettings;
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
            // counted per username as stored ("Kim.Lee" is kim.lee), from the durable audit log: neither changing the
            // case nor restarting the console resets the count; a malformed name cannot log in and is not counted
            String key = storedUsername(username);
            Instant now = clock.instant();
            UserStore.RecentLogins recent = key == null ? null : users.recentLogins(key, now.minus(LOGIN_FAILURE_WINDOW));
            Instant until = recent == null || recent.lastLockout() == null ? null
                    : recent.lastLockout().plus(LOGIN_LOCKOUT_TIME);
            if (until != null && now.isBefore(until)) {
                long s = seconds(java.time.Duration.between(now, until));
                audit.record(key, station, LOGIN_LOCKED_OUT, null, null,
                        "refused without checking the password: locked out for another " + s + " s", now);
                return Result.refused("Too many failed logins for " + key + ": try again in " + s + " s", user);
            }
            Optional<User> u = users.authenticate(username, password); // zeroes the password; writes the audit row
            if (u.isEmpty()) {
                int failures = key == null ? 0 : users.recentLogins(key, now.minus(LOGIN_FAILURE_WINDOW)).failures();
                if (failures >= LOGIN_FAILURES_BEFORE_LOCKOUT) {
                    audit.record(key, station, LOGIN_LOCKOUT, null, null, failures
                            + " failed logins within " + LOGIN_FAILURE_WINDOW.toMinutes() + " min: locked out for "
                            + LOGIN_LOCKOUT_TIME.toSeconds() + " s", clock.instant());
                    LOG.warn("Login of {} locked out for {} s after {} failures", key, LOGIN_LOCKOUT_TIME.toSeconds(),
                            failures);
                    return Result.refused("Wrong username or password. Too many failed logins for " + key
                            + ": try again in " + LOGIN_LOCKOUT_TIME.toSeconds() + " s", user);
                }
                return Result.refused("Wrong username or password, or the user is disabled", user);
            }
            user = u.get();
            locked = false;
            return Result.done("Logged in: " + user.displayName() + " (" + user.role().label() + ")", user);
        }, () -> Arrays.fill(password, '\0'));
    }

    /** The username as stored, or null when it is not one (it cannot log in). */
    private static String storedUsername(String typed) {
        try {
            return typed == null ? null : UserStore.normalizeUsername(typed);
        } catch (IllegalArgumentException notAUsername) {
            return null;
        }
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

    static final String TEST_TONE = "test_tone";

    /** What plays the test tone; null while the station has no audio (audio off). Set once at start. */
    private volatile Runnable testTone;
    private volatile String noTestToneReason = "Audio is off at this console (--audio off): no test tone";

    /** The station's sound player once it runs; {@code null} with the reason there is none. */
    void testTone(Runnable play, String reasonWhenNone) {
        this.testTone = play;
        if (reasonWhenNone != null) {
            this.noTestToneReason = reasonWhenNone;
        }
    }

    @Override
    public CompletableFuture<Result> playTestTone() {
        return async(() -> {
            User u = user;
            Runnable play = testTone;
            audit.record(u == null ? null : u.username(), station, TEST_TONE, null, null,
                    play == null ? "not played: " + noTestToneReason : "played", clock.instant());
            if (play == null) {
                return Result.refused(noTestToneReason, u);
            }
            play.run();
            return Result.done("Test tone played: one medium-priority burst", u);
        }, null);
    }

    static final String ALARM_VOLUME = "alarm_volume";

    /** Where the volume is kept and what applies it (the sound player, then the test tone); null without audio. */
    private volatile StationSettings volumeStore;
    private volatile IntConsumer applyVolume;
    private volatile Integer volumePercent;

    /**
     * The station's sound player once it runs: the volume it starts with (kept from the last change at this
     * console, else the configured one) and what applies a new one.
     */
    void alarmVolume(StationSettings store, int startPercent, IntConsumer apply) {
        this.volumeStore = store;
        this.applyVolume = apply;
        this.volumePercent = startPercent;
    }

    /** The volume this console starts with: the last one set here, else {@code configured}; refused values ignored. */
    static int startVolume(StationSettings store, int configured) {
        try {
            int kept = Integer.parseInt(store.get(StationSettings.ALARM_VOLUME).orElse(""));
            return volumeProblem(kept) == null ? kept : configured;
        } catch (NumberFormatException none) {
            return configured;
        }
    }

    /** Why a volume setting is refused, or null: never below the floor (an alarm must stay audible), at most 100. */
    static String volumeProblem(int percent) {
        int floor = (int) Math.round(AlarmVolume.FLOOR * 100);
        return percent < floor ? "The alarm volume cannot go below " + floor + " %: alarms must stay audible"
                : percent > 100 ? "The alarm volume goes up to 100 %" : null;
    }

    @Override
    public Integer alarmVolumePercent() {
        return volumePercent;
    }

    @Override
    public CompletableFuture<Result> setAlarmVolume(int percent) {
        StationSettings store = volumeStore;
        IntConsumer apply = applyVolume;
        if (store == null || apply == null) {
            return CompletableFuture.completedFuture(Result.refused(
                    "Audio is off at this console (--audio off): there is no alarm volume to set", user));
        }
        String problem = volumeProblem(percent);
        if (problem != null) {
            return CompletableFuture.completedFuture(Result.refused(problem, user));
        }
        return act(Permission.SET_ALARM_VOLUME, "change the alarm volume", ALARM_VOLUME, null,
                volumePercent + " % -> " + percent + " %", u -> {
                    store.put(StationSettings.ALARM_VOLUME, Integer.toString(percent), u.username(), clock.instant());
                    volumePercent = percent;
                    apply.accept(percent);
                    return "Alarm volume " + percent + " %: the test tone plays at it";
                });
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

    @Override
    public CompletableFuture<Result> setBedSettings(String bed, BedSettings requested) {
        String problem = requested == null ? "No settings given"
                : bed == null || !bed.equals(requested.bed()) ? "The settings are for bed " + requested.bed()
                + ", not " + bed
                : org.vigil.alarms.LimitRanges.check(requested.limits());
        if (problem != null) {
            return async(() -> {
                User u = user;
                audit.record(u == null ? null : u.username(), station, BED_SETTINGS + REFUSED, bed, patientId(bed),
                        problem, clock.instant());
                return Result.refused(problem, u);
            }, null);
        }
        return act(Permission.CHANGE_LIMITS, "change alarm limits", BED_SETTINGS, bed, describe(requested), u -> {
            // later than the settings in force, or the engine (later updatedAt wins) would keep those
            Instant at = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            Instant inForce = alarms.board().settings(bed).updatedAt();
            if (inForce != null && !at.isAfter(inForce)) {
                at = inForce.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).plusMillis(1);
            }
            BedSettings stamped = new BedSettings(bed, requested.category(), requested.limits(),
                    requested.alarmOff(), u.username(), station, at);
            alarms.applySettings(stamped);
            publishSettings.accept(stamped); // every station of the ward alarms alike
            return "Alarm settings applied: " + describe(stamped);
        });
    }

    /** "adult; HR 50..120, SpO2 85..-; alarm off RR" for the audit row and the status line. */
    static String describe(BedSettings s) {
        StringBuilder b = new StringBuilder(s.category() == null ? "category unchanged" : s.category().wireName());
        String limits = s.limits().entrySet().stream().map(e -> org.vigil.data.model.MeasurementCode.shortLabel(
                e.getKey()) + " " + bound(e.getValue().low()) + ".." + bound(e.getValue().high()))
                .collect(java.util.stream.Collectors.joining(", "));
        if (!limits.isEmpty()) {
            b.append("; ").append(limits);
        }
        if (!s.alarmOff().isEmpty()) {
            b.append("; alarm off ").append(s.alarmOff().stream().map(org.vigil.data.model.MeasurementCode::shortLabel)
                    .collect(java.util.stream.Collectors.joining(", ")));
        }
        return b.toString();
    }

    private static String bound(Double d) {
        return d == null ? "-" : d == Math.rint(d) ? Long.toString(d.longValue()) : d.toString();
    }

    private static long seconds(java.time.Duration d) {
        return (d.toMillis() + 999) / 1000; // 0.2 s left still says 1 s
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
            case BED_SETTINGS -> "changing alarm limits";
            case ALARM_VOLUME -> "changing the alarm volume";
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

package org.vigil.ui;

import java.util.concurrent.CompletableFuture;
import org.vigil.alarms.AlarmEngine;
import org.vigil.data.model.Permission;
import org.vigil.data.model.Role;
import org.vigil.data.model.User;
import org.vigil.ui.users.StationActions;

/**
 * The station's actions for UI tests without a database: a fixed set of users (password "password"), permissions
 * checked as the app does, straight onto the alarm engine. The real implementation (with the audit log) lives in
 * app and is tested there.
 */
final class FakeStationActions implements StationActions {
    private final AlarmEngine alarms;
    private volatile User user;
    private volatile boolean locked;

    FakeStationActions(AlarmEngine alarms) {
        this.alarms = alarms;
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
        return CompletableFuture.supplyAsync(() -> {
            boolean ok = "password".equals(new String(password));
            java.util.Arrays.fill(password, '\0');
            Role role = switch (username) {
                case "nurse" -> Role.NURSE;
                case "charge" -> Role.CHARGE_NURSE;
                default -> null;
            };
            if (!ok || role == null) {
                return Result.refused("Wrong username or password", user);
            }
            user = new User(1, username, username, role, false);
            locked = false;
            return Result.done(null, user);
        });
    }

    @Override
    public CompletableFuture<Result> lock(String reason) {
        return CompletableFuture.supplyAsync(() -> {
            user = null;
            locked = true;
            return Result.done("Locked", null);
        });
    }

    @Override
    public CompletableFuture<Boolean> firstRunNeeded() {
        return CompletableFuture.completedFuture(false);
    }

    @Override
    public CompletableFuture<Result> createFirstAdmin(String username, char[] password, char[] repeated) {
        return CompletableFuture.completedFuture(Result.refused("not here", null));
    }

    private CompletableFuture<Result> act(Permission p, String refusal, Runnable r) {
        return CompletableFuture.supplyAsync(() -> {
            User u = user;
            if (u == null || !u.may(p)) {
                return Result.refused(refusal, u);
            }
            r.run();
            return Result.done(null, u);
        });
    }

    @Override
    public CompletableFuture<Result> acknowledge(String alarmId) {
        return act(Permission.ACKNOWLEDGE_BED_ALARM, "Log in to acknowledge",
                () -> alarms.acknowledge(alarmId, user.username()));
    }

    @Override
    public CompletableFuture<Result> acknowledgeBed(String bed) {
        return act(Permission.ACKNOWLEDGE_BED_ALARM, "Log in to acknowledge",
                () -> alarms.acknowledgeBed(bed, user.username()));
    }

    @Override
    public CompletableFuture<Result> pauseBedAudio(String bed) {
        return act(Permission.PAUSE_BED_AUDIO, "Log in to pause audio", () -> alarms.pauseAudio(bed));
    }

    @Override
    public CompletableFuture<Result> pauseWardAudio() {
        return act(Permission.PAUSE_WARD_AUDIO, "Ward audio pause needs a charge nurse: log in as one",
                () -> alarms.pauseAudio(null));
    }

    @Override
    public CompletableFuture<Result> alarmOff(String bed, String code, boolean off) {
        return act(Permission.SWITCH_ALARM_OFF, "Alarm off needs a charge nurse: log in as one",
                () -> alarms.setAlarmOff(bed, code, off));
    }

    @Override
    public CompletableFuture<Result> setBedSettings(String bed, org.vigil.data.model.BedSettings settings) {
        return act(Permission.CHANGE_LIMITS, "Limit changes need a charge nurse: log in as one",
                () -> alarms.applySettings(new org.vigil.data.model.BedSettings(bed, settings.category(),
                        settings.limits(), settings.alarmOff(), user.username(), "ui-test", java.time.Instant.now())));
    }
}

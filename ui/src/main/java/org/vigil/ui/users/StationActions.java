package org.vigil.ui.users;

import java.util.concurrent.CompletableFuture;
import org.vigil.data.model.User;

/**
 * What a user does at the console, implemented by the composition root. Every method returns at once; the work
 * (password hashing, the audit log's commit, the alarm engine) runs off the JavaFX thread and completes the future
 * there, so the console applies the outcome with one {@code Platform.runLater} per action. Every action, done or
 * refused, is written to the audit log before it takes effect, so an acknowledgement shows as done only once it is
 * durably logged. Permissions are checked here, where the action is taken, not only in what the screen shows.
 */
public interface StationActions {

    /**
     * What became of an action: done or refused, a short message for the status line (null: nothing to say), and
     * the user logged in afterwards (null: nobody).
     */
    record Result(boolean done, String message, User user) {
        public static Result done(String message, User user) {
            return new Result(true, message, user);
        }

        public static Result refused(String message, User user) {
            return new Result(false, message, user);
        }
    }

    /** The user logged in now, or null. Cheap and non-blocking. */
    User currentUser();

    /** True after a lock (by hand or for lack of input) until the next login. Cheap and non-blocking. */
    boolean locked();

    /** Checks the password (zeroed before the future completes) and opens the user's session. */
    CompletableFuture<Result> logIn(String username, char[] password);

    /** Ends the user's session (by hand, or after {@code reason} such as no input); monitoring goes on. */
    CompletableFuture<Result> lock(String reason);

    /** True when no administrator exists yet, so the console should offer the first-run set-up. */
    CompletableFuture<Boolean> firstRunNeeded();

    /**
     * Creates the first administrator; refused with the policy's message when the password is weak or the two
     * entries differ. Both arrays are zeroed before the future completes. Does not log the administrator in.
     */
    CompletableFuture<Result> createFirstAdmin(String username, char[] password, char[] repeated);

    CompletableFuture<Result> acknowledge(String alarmId);

    CompletableFuture<Result> acknowledgeBed(String bed);

    CompletableFuture<Result> pauseBedAudio(String bed);

    /** Pauses the audio of the whole ward and tells the other stations (audio-pause topic). */
    CompletableFuture<Result> pauseWardAudio();

    /** Switches the alarms of one parameter ({@code code}, e.g. "MDC_ECG_HEART_RATE") of a bed off, or back on. */
    CompletableFuture<Result> alarmOff(String bed, String code, boolean off);

    /**
     * Replaces a bed's alarm settings (category, limits, alarm-off switches) as the limit editor sends them; needs
     * a charge nurse. The limits are checked again here ({@code org.vigil.alarms.LimitRanges}); {@code changedBy},
     * {@code station} and {@code updatedAt} of the argument are ignored and stamped by the implementation, which
     * also shares the settings with the ward's other stations (bed settings topic).
     */
    CompletableFuture<Result> setBedSettings(String bed, org.vigil.data.model.BedSettings settings);

    /**
     * Plays the alarm test tone now (IEC 60601-1-8: the operator can check that the alarm sounds are heard); needs
     * no login. Refused with the reason when this console has no audio (audio off or unavailable).
     */
    default CompletableFuture<Result> playTestTone() {
        return CompletableFuture.completedFuture(Result.refused("This console has no alarm audio", currentUser()));
    }

    /**
     * This console's alarm volume setting in percent of full scale, at least
     * {@link org.vigil.alarms.sound.AlarmVolume#FLOOR} (never silent); null when the console has no alarm audio.
     * Cheap and non-blocking.
     */
    default Integer alarmVolumePercent() {
        return null;
    }

    /**
     * Sets this console's alarm volume (charge nurse; audited; kept across restarts) and plays the test tone at the
     * new volume. A value below the floor or above 100 is refused with the range.
     */
    default CompletableFuture<Result> setAlarmVolume(int percent) {
        return CompletableFuture.completedFuture(Result.refused("This console has no alarm audio", currentUser()));
    }
}

package org.vigil.data.model;

import java.util.Objects;

/**
 * What a logged-in user may do, by role. Roles are ranked (nurse &lt; charge nurse &lt; admin) and each permission
 * names the lowest role that holds it, so a higher role holds everything a lower one does:
 *
 * <table>
 * <caption>Who may do what</caption>
 * <tr><th>permission</th><th>nurse</th><th>charge nurse</th><th>admin</th></tr>
 * <tr><td>{@link #ACKNOWLEDGE_BED_ALARM} acknowledge a bed's alarm</td><td>yes</td><td>yes</td><td>yes</td></tr>
 * <tr><td>{@link #PAUSE_BED_AUDIO} pause the audio for one bed</td><td>yes</td><td>yes</td><td>yes</td></tr>
 * <tr><td>{@link #PAUSE_WARD_AUDIO} pause the audio for the whole ward</td><td>no</td><td>yes</td><td>yes</td></tr>
 * <tr><td>{@link #SWITCH_ALARM_OFF} switch an alarm (a parameter's alarm) off</td><td>no</td><td>yes</td><td>yes</td></tr>
 * <tr><td>{@link #CHANGE_LIMITS} change a bed's alarm limits</td><td>no</td><td>yes</td><td>yes</td></tr>
 * <tr><td>{@link #SET_ALARM_VOLUME} set this console's alarm volume</td><td>no</td><td>yes</td><td>yes</td></tr>
 * <tr><td>{@link #ADMIT_PATIENT} admit, discharge or transfer a patient</td><td>yes</td><td>yes</td><td>yes</td></tr>
 * <tr><td>{@link #CHART_VITALS} sign vital signs for the EMR</td><td>yes</td><td>yes</td><td>yes</td></tr>
 * <tr><td>{@link #MANAGE_USERS} create users, reset passwords, disable users</td><td>no</td><td>no</td><td>yes</td></tr>
 * </table>
 *
 * <p>A disabled user holds no permission at all ({@link User#may(Permission)}). Check with
 * {@link Role#may(Permission)} or {@link User#may(Permission)}; the check belongs where the action is taken (the
 * view model and the command handler), not only in what the screen shows.
 */
public enum Permission {
    ACKNOWLEDGE_BED_ALARM(Role.NURSE),
    PAUSE_BED_AUDIO(Role.NURSE),
    PAUSE_WARD_AUDIO(Role.CHARGE_NURSE),
    SWITCH_ALARM_OFF(Role.CHARGE_NURSE),
    CHANGE_LIMITS(Role.CHARGE_NURSE),
    SET_ALARM_VOLUME(Role.CHARGE_NURSE),
    MANAGE_USERS(Role.ADMIN),
    ADMIT_PATIENT(Role.NURSE),
    CHART_VITALS(Role.NURSE);

    private final Role minimumRole;

    Permission(Role minimumRole) {
        this.minimumRole = Objects.requireNonNull(minimumRole);
    }

    /** The lowest role that holds this permission. */
    public Role minimumRole() {
        return minimumRole;
    }
}

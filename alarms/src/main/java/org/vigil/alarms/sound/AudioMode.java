package org.vigil.alarms.sound;

/**
 * Whether the station sounds its alarms.
 *
 * <ul>
 *   <li>{@link #OFF}: no audio line is ever opened; the UI shows a permanent "audio off" indicator (an
 *       inactivation state, not an alarm).
 *   <li>{@link #ON}: audio is required; a device that cannot be opened or written is reported (technical alarm
 *       "audio unavailable") and retried periodically.
 *   <li>{@link #AUTO}: the player behaves as {@link #ON} (it uses the device when there is one and reports when
 *       there is not); the composition root may resolve {@code AUTO} differently (for example to {@code OFF} for
 *       a headless station) before handing it over.
 * </ul>
 */
public enum AudioMode {
    AUTO, ON, OFF
}

package org.vigil.ui;

import org.vigil.data.model.AlarmPriority;

/**
 * The one flash timeline of the console: whether an alarm colour is in the "off" half of its cycle is a pure
 * function of the priority and the shared frame time, so every chip and tile of a priority flashes in step. High
 * priority flashes at 2 Hz, medium at 0.6 Hz, both with a 50 % duty cycle (IEC 60601-1-8 allows 1.4-2.8 Hz and
 * 0.4-0.8 Hz at 20-60 %); low priority is steady. Any thread (no state).
 */
public final class FlashPhase {
    /** 2 Hz. */
    public static final long HIGH_PERIOD_NANOS = 500_000_000L;
    /** 0.6 Hz. */
    public static final long MEDIUM_PERIOD_NANOS = 1_666_666_667L;

    private FlashPhase() {
    }

    /**
     * @param frameNanos the frame's time stamp (the animation pulse's {@code now}), the same for everything drawn in
     *                   that frame
     * @return true in the second ("off") half of the priority's period; always false for low priority and none
     */
    public static boolean off(AlarmPriority priority, long frameNanos) {
        if (priority == null) {
            return false;
        }
        long period = switch (priority) {
            case HIGH -> HIGH_PERIOD_NANOS;
            case MEDIUM -> MEDIUM_PERIOD_NANOS;
            default -> 0;
        };
        return period > 0 && Math.floorMod(frameNanos, period) >= period / 2;
    }
}

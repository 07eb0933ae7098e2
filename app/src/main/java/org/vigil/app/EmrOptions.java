package org.vigil.app;

import java.time.Duration;
import java.util.Objects;
import org.vigil.data.emr.EmrSettings;

/**
 * The station's EMR options (issue 6): {@code --emr URL} with the config file's {@code emr} section and the
 * environment's secrets. toString never shows a secret (EmrSettings does not).
 *
 * @param settings     how to reach the EMR
 * @param syncInterval how often the EMR is asked for the ward's in-progress Encounters (null: 30 s)
 * @param autoChart    {@code --emr-auto-chart}: chart every admitted bed's current values at this interval; null: off
 */
public record EmrOptions(EmrSettings settings, Duration syncInterval, Duration autoChart) {
    public EmrOptions {
        Objects.requireNonNull(settings, "settings");
    }
}

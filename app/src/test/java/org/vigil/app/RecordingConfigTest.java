package org.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.data.recording.RecordingSettings;

/** {@code recording:} in the config file: how long the recording is kept. */
class RecordingConfigTest {
    @TempDir
    Path dir;

    private StationConfig resolve(String yaml) throws Exception {
        Path file = Files.writeString(dir.resolve("vigil.yaml"), yaml);
        VigilCommand c = new VigilCommand();
        new picocli.CommandLine(c).parseArgs("--config", file.toString(), "--data-dir", dir.toString());
        return c.resolve();
    }

    @Test
    void retentionComesFromTheFileAndDefaultsTo96HoursAnd30Days() throws Exception {
        assertThat(resolve("ward: icu3\n").recording()).isEqualTo(RecordingSettings.defaults());
        RecordingSettings r = resolve("recording:\n  numericsRetention: 48h\n  aggregateRetention: 90d\n").recording();
        assertThat(r.numericsRetention()).isEqualTo(Duration.ofHours(48));
        assertThat(r.waveRetention()).isEqualTo(Duration.ofHours(96));
        assertThat(r.aggregateRetention()).isEqualTo(Duration.ofDays(90));
        assertThat(resolve("recording: {waveRetention: PT36H}\n").recording().waveRetention())
                .isEqualTo(Duration.ofHours(36));
    }

    @Test
    void aWrongRetentionIsAnErrorNamingTheKey() {
        assertThatThrownBy(() -> resolve("recording:\n  waveRetention: four days\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("recording.waveRetention")
                .hasMessageContaining("96h");
        assertThatThrownBy(() -> resolve("recording:\n  numericsRetention: 0h\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("at least 1 minute");
        assertThatThrownBy(() -> resolve("recording:\n  keep: 1d\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("keep");
    }
}

package org.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.alarms.sound.BurstPattern;
import org.vigil.data.model.AlarmPriority;
import org.vigil.data.model.Bed;
import org.vigil.testing.FreePorts;
import org.vigil.testing.MutableClock;

/**
 * {@code alarms:} in the config file: what the issue calls configurable (audio pause, reminder, idle lock,
 * escalation per priority, priority / latching / delay per condition, burst patterns within the standard) is set by
 * the hospital's IT there, checked at start with messages naming the key, and used by the running station.
 */
class AlarmConfigFileTest {
    @TempDir
    Path dir;

    private StationConfig resolve(String yaml) throws Exception {
        Path file = Files.writeString(dir.resolve("vigil.yaml"), yaml);
        VigilCommand c = new VigilCommand();
        new picocli.CommandLine(c).parseArgs("--config", file.toString(), "--data-dir", dir.toString());
        return c.resolve();
    }

    @Test
    void withoutTheSectionEveryDefaultHolds() throws Exception {
        AlarmOptions o = resolve("ward: icu3\n").alarms();
        assertThat(o).isEqualTo(AlarmOptions.defaults());
        assertThat(o.alarmConfig().audioPause()).isEqualTo(Duration.ofMinutes(2));
        assertThat(o.alarmConfig().reminderAfter()).isEqualTo(Duration.ofMinutes(3));
        assertThat(o.idleLock()).isEqualTo(Duration.ofMinutes(10));
        assertThat(o.alarmConfig().escalationLevel(AlarmPriority.HIGH, Duration.ofSeconds(60))).isEqualTo(2);
        assertThat(o.sounds().get(AlarmPriority.LOW)).isEqualTo(BurstPattern.defaults(AlarmPriority.LOW));
    }

    @Test
    void everyRuleTheIssueCallsConfigurableIsReadFromTheFile() throws Exception {
        AlarmOptions o = resolve("""
                alarms:
                  audioPause: 90s
                  reminder: 5m
                  idleLock: 15m
                  escalation:
                    high: [20s, 45s]
                    medium: [2m]
                  conditions:
                    SPO2_LOW: {priority: medium, delay: 15s}
                    VFIB: {latching: false}
                    NO_DATA: {priority: high}
                  sounds:
                    low: {pulses: 2, repeat: 25s}
                    high: {repeat: 8s}
                """).alarms();
        var c = o.alarmConfig();
        assertThat(c.audioPause()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.reminderAfter()).isEqualTo(Duration.ofMinutes(5));
        assertThat(o.idleLock()).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.escalationLevel(AlarmPriority.HIGH, Duration.ofSeconds(20))).isEqualTo(1);
        assertThat(c.escalationLevel(AlarmPriority.HIGH, Duration.ofSeconds(45))).isEqualTo(2);
        assertThat(c.escalationLevel(AlarmPriority.MEDIUM, Duration.ofSeconds(119))).isZero();
        assertThat(c.escalationLevel(AlarmPriority.MEDIUM, Duration.ofSeconds(120))).isEqualTo(1);
        assertThat(c.priority("SPO2_LOW", AlarmPriority.HIGH)).isEqualTo(AlarmPriority.MEDIUM);
        assertThat(c.delay("SPO2_LOW")).isEqualTo(Duration.ofSeconds(15));
        assertThat(c.priority("NO_DATA", AlarmPriority.MEDIUM)).isEqualTo(AlarmPriority.HIGH);
        assertThat(c.latching("VFIB", org.vigil.alarms.AlarmKind.PHYSIOLOGICAL, AlarmPriority.HIGH)).isFalse();
        assertThat(o.sounds().get(AlarmPriority.LOW)).isEqualTo(BurstPattern.defaults(AlarmPriority.LOW)
                .withPulseCount(2).withRepeatPeriod(Duration.ofSeconds(25)));
        assertThat(o.sounds().get(AlarmPriority.HIGH)).isEqualTo(BurstPattern.defaults(AlarmPriority.HIGH)
                .withRepeatPeriod(Duration.ofSeconds(8)));
        assertThat(o.sounds().get(AlarmPriority.MEDIUM)).isEqualTo(BurstPattern.defaults(AlarmPriority.MEDIUM));
    }

    @Test
    void aWrongValueStopsTheStationWithAMessageNamingTheKey() {
        assertThatThrownBy(() -> resolve("alarms:\n  audioPause: 0s\n")).isInstanceOf(ConfigException.class)
                .hasMessage("alarms.audioPause: 0s is outside 15 s to 10 min");
        assertThatThrownBy(() -> resolve("alarms:\n  reminder: soon\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("alarms.reminder: 'soon' is not a duration");
        assertThatThrownBy(() -> resolve("alarms:\n  escalation: {high: [60s, 30s]}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("alarms.escalation.high: the steps must grow");
        assertThatThrownBy(() -> resolve("alarms:\n  escalation: {urgent: [30s]}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("alarms.escalation.urgent: 'urgent' is not a priority (high, medium or low)");
        assertThatThrownBy(() -> resolve("alarms:\n  conditions: {spo2_low: {priority: high}}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("alarms.conditions.spo2_low");
        assertThatThrownBy(() -> resolve("alarms:\n  conditions: {HR_HIGH: {}}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("alarms.conditions.HR_HIGH: give its priority, latching or delay");
        assertThatThrownBy(() -> resolve("alarms:\n  conditions: {HR_HIGH: {priority: loud}}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("alarms.conditions.HR_HIGH.priority");
        // outside IEC 60601-1-8: a high-priority burst repeated every 60 s
        assertThatThrownBy(() -> resolve("alarms:\n  sounds: {high: {repeat: 60s}}\n"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("alarms.sounds.high: ")
                .hasMessageContaining("interburst interval");
        assertThatThrownBy(() -> resolve("alarms:\n  sounds: {medium: {pulses: 5}}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("IEC 60601-1-8");
        assertThatThrownBy(() -> resolve("alarms:\n  pause: 2m\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key 'pause'");
    }

    @Test
    void theRunningStationUsesThem() throws Exception {
        StationConfig file = resolve("alarms:\n  audioPause: 45s\n  escalation: {high: [10s]}\n");
        MutableClock clock = MutableClock.at(Instant.parse("2026-11-24T05:00:00Z"));
        StationConfig config = new StationConfig(true, null, FreePorts.loopback(), "icu3", "cs-cfg", 0,
                dir.resolve("data"), Duration.ofSeconds(10), List.of(new Bed("01", "Bed 01", true)))
                .withAdminPassword("Quiet-ward-at-night-7".toCharArray()).withAlarms(file.alarms());
        try (Station station = new Station(config, clock)) {
            station.start();
            assertThat(station.alarms().pauseAudio(null)).isEqualTo(clock.instant().plusSeconds(45));
        }
    }
}

package org.vigil.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigil.data.model.AlarmMessage;
import org.vigil.data.model.AlarmPriority;
import org.vigil.data.model.BedSettings;
import org.vigil.data.model.Limit;
import org.vigil.data.model.PatientCategory;
import org.vigil.data.model.WardAudioPause;
import org.vigil.link.live.WardLive;
import org.vigil.testing.EmbeddedMqttBroker;

/** Station-to-station topics between two real stations on one broker, merged by the contract's rules. */
class SharedWardStateTest {
    private static final Instant T = Instant.parse("2026-11-24T05:00:00Z");

    private static AlarmMessage alarm(String state, String ackBy, Instant updatedAt, String station) {
        return new AlarmMessage("07-HR_HIGH-1795496401000", "sh", "07", "HR_HIGH", "physiological", AlarmPriority.HIGH,
                state, "HR 182 > 150", 182.0, 150.0, "/min", T, T, ackBy, ackBy == null ? null : updatedAt, null, 0,
                station, updatedAt);
    }

    private static WardLink station(String url, String id) throws Exception {
        WardLink link = new WardLink(new LinkSettings(url, "sh", id), new WardLive(List.of()), Clock.systemUTC());
        link.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> link.state() == LinkState.CONNECTED);
        return link;
    }

    @Test
    void theLaterVersionWinsAnAcknowledgementIsNeverUndoneAndEmptyClears() throws Exception {
        try (EmbeddedMqttBroker broker = EmbeddedMqttBroker.start();
             WardLink a = station(broker.url(), "cs-a");
             WardLink b = station(broker.url(), "cs-b")) {
            BedSettings newer = new BedSettings("07", PatientCategory.ADULT, Map.of("MDC_ECG_HEART_RATE", new Limit(50.0, 130.0)),
                    List.of(), "charge.nurse", "cs-a", T.plusSeconds(60));
            a.publishSettings(newer);
            await().atMost(Duration.ofSeconds(5)).until(() -> newer.equals(b.shared().settings().get("07")));
            BedSettings older = new BedSettings("07", PatientCategory.ADULT, Map.of("MDC_ECG_HEART_RATE", new Limit(40.0, 100.0)),
                    List.of(), "nurse", "cs-b", T);
            b.publishSettings(older); // a stale version never replaces a later one, wherever it comes from
            Thread.sleep(500);
            assertThat(a.shared().settings().get("07")).isEqualTo(newer);
            assertThat(b.shared().settings().get("07")).isEqualTo(newer);

            a.publishAlarm(alarm("acknowledged", "nurse.kim", T.plusSeconds(5), "cs-a"));
            await().atMost(Duration.ofSeconds(5)).until(() -> b.shared().alarm("07-HR_HIGH-1795496401000") != null);
            b.publishAlarm(alarm("active", null, T.plusSeconds(9), "cs-b")); // later, but without the acknowledgement
            await().atMost(Duration.ofSeconds(5)).until(() -> "cs-b".equals(a.shared().alarm("07-HR_HIGH-1795496401000").station()));
            for (WardLink s : List.of(a, b)) {
                AlarmMessage held = s.shared().alarm("07-HR_HIGH-1795496401000");
                assertThat(held.ackBy()).isEqualTo("nurse.kim");
                assertThat(held.state()).isEqualTo("acknowledged");
                assertThat(held.updatedAt()).isEqualTo(T.plusSeconds(9));
            }

            a.publishAudioPause(new WardAudioPause(T.plusSeconds(120), "charge.nurse", "cs-a", T.plusSeconds(10)));
            await().atMost(Duration.ofSeconds(5)).until(() -> b.shared().audioPause() != null);

            // a station that starts late learns everything from the retained messages
            try (WardLink late = station(broker.url(), "cs-late")) {
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                    assertThat(late.shared().settings().get("07")).isEqualTo(newer);
                    assertThat(late.shared().alarm("07-HR_HIGH-1795496401000").ackBy()).isEqualTo("nurse.kim");
                    assertThat(late.shared().audioPause().pausedUntil()).isEqualTo(T.plusSeconds(120));
                });
            }

            a.clearAlarm("07", "07-HR_HIGH-1795496401000");
            await().atMost(Duration.ofSeconds(5)).until(() -> b.shared().alarm("07-HR_HIGH-1795496401000") == null);
            assertThat(b.rejects().total()).as("an empty retained payload is not bad input").isZero();
        }
    }

    @Test
    void mergingInEitherOrderGivesTheSameResult() {
        AlarmMessage acked = alarm("acknowledged", "nurse.kim", T.plusSeconds(5), "cs-a");
        AlarmMessage later = alarm("active", null, T.plusSeconds(9), "cs-b");
        assertThat(SharedWardState.mergeAlarm(acked, later)).isEqualTo(SharedWardState.mergeAlarm(later, acked));
        assertThat(SharedWardState.mergeAlarm(acked, later).ackBy()).isEqualTo("nurse.kim");
    }

    @Test
    void oneChangeIsOneMessageNotAStormOfEchoes() throws Exception {
        try (EmbeddedMqttBroker broker = EmbeddedMqttBroker.start();
             WardLink a = station(broker.url(), "cs-a");
             WardLink b = station(broker.url(), "cs-b");
             org.vigil.testing.MqttTestClient pager = new org.vigil.testing.MqttTestClient()) {
            pager.connect(broker.url());
            pager.subscribe("ward/sh/alarm/#", 1);
            // sub-millisecond times, as a station's clock gives them: the wire keeps milliseconds
            Instant now = Instant.parse("2026-11-24T05:00:00.123456789Z");
            a.publishAlarm(alarm("active", null, now, "cs-a"));
            Thread.sleep(1500);
            b.publishAlarm(alarm("acknowledged", "nurse.kim", now.plusMillis(2).plusNanos(777), "cs-b"));
            Thread.sleep(1500);
            long messages = pager.received().stream().filter(m -> m.topic().startsWith("ward/sh/alarm/")).count();
            assertThat(messages).as("two changes, each published once (a merge may put a winner back once)")
                    .isBetween(2L, 4L);
            assertThat(a.shared().alarm("07-HR_HIGH-1795496401000").ackBy()).isEqualTo("nurse.kim");
        }
    }

    @Test
    void sharedStatePublishedWhileTheBrokerIsAwayIsSentWhenTheLinkIsBack() throws Exception {
        try (EmbeddedMqttBroker broker = EmbeddedMqttBroker.start();
             WardLink b = station(broker.url(), "cs-b")) {
            WardLink a = new WardLink(new LinkSettings(broker.url(), "sh", "cs-a"), new WardLive(List.of()),
                    Clock.systemUTC());
            try (a) {
                // not yet connected: a charge nurse's ward pause must not be lost
                a.publishAudioPause(new WardAudioPause(T.plusSeconds(120), "charge.nurse", "cs-a", T.plusSeconds(10)));
                a.start();
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                        assertThat(b.shared().audioPause()).isNotNull()
                                .satisfies(p -> assertThat(p.by()).isEqualTo("charge.nurse")));
            }
        }
    }
}

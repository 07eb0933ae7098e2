package org.vigil.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.vigil.data.model.Bed;
import org.vigil.data.model.DeviceState;
import org.vigil.data.model.MeasurementCode;
import org.vigil.link.live.BedLive;
import org.vigil.link.live.SampleRing;
import org.vigil.link.live.WardLive;
import org.vigil.link.sim.WardSimulator;
import org.vigil.testing.EmbeddedMqttBroker;

/** Simulator -> embedded broker -> ward link -> ring buffers, for all 12 beds, with real MQTT in between. */
class SimulatorEndToEndTest {

    @Test
    void everyBedOfTheSimulatedWardFillsItsRingsAtTheRightRatesAndItsNumerics() throws Exception {
        List<Bed> beds = IntStream.rangeClosed(1, 12).mapToObj(i -> String.format("%02d", i))
                .map(id -> new Bed(id, "Bed " + id, true)).toList();
        try (EmbeddedMqttBroker broker = EmbeddedMqttBroker.start()) {
            WardLive live = new WardLive(beds);
            try (WardLink link = new WardLink(new LinkSettings(broker.url(), "e2e", "st1"), live, Clock.systemUTC());
                 WardSimulator sim = new WardSimulator(broker.url(), "e2e", 12, Clock.systemUTC())) {
                link.start();
                await().atMost(Duration.ofSeconds(10)).until(() -> link.state() == LinkState.CONNECTED);
                sim.start();
                await().atMost(Duration.ofSeconds(10)).until(() -> live.beds().stream()
                        .allMatch(b -> b.ring(MeasurementCode.ECG_II) != null && b.ring(MeasurementCode.PLETH) != null
                                && b.ring(MeasurementCode.RESP_WAVE) != null && b.numeric(MeasurementCode.HEART_RATE) != null));
                long[] ecgStart = live.beds().stream().mapToLong(b -> b.ring(MeasurementCode.ECG_II).written()).toArray();
                long[] respStart = live.beds().stream().mapToLong(b -> b.ring(MeasurementCode.RESP_WAVE).written()).toArray();
                Instant t0 = Instant.now();
                Thread.sleep(4_000);
                double seconds = Duration.between(t0, Instant.now()).toMillis() / 1000.0;

                assertThat(live.beds()).hasSize(12).allMatch(BedLive::configured); // no stray unassigned beds
                for (int i = 0; i < 12; i++) {
                    BedLive b = live.beds().get(i);
                    SampleRing ecg = b.ring(MeasurementCode.ECG_II);
                    assertThat(ecg.rate()).isEqualTo(250);
                    assertThat(ecg.unit()).isEqualTo("mV");
                    double ecgRate = (ecg.written() - ecgStart[i]) / seconds;
                    assertThat(ecgRate).as("bed %s ECG samples/s", b.bedId()).isBetween(200.0, 300.0);
                    double respRate = (b.ring(MeasurementCode.RESP_WAVE).written() - respStart[i]) / seconds;
                    assertThat(respRate).as("bed %s resp samples/s", b.bedId()).isBetween(45.0, 80.0);
                    assertThat(b.ring(MeasurementCode.PLETH).rate()).isEqualTo(125);
                    assertThat(b.status()).as("bed %s status", b.bedId()).isNotNull();
                    assertThat(b.status().state()).isEqualTo(DeviceState.ONLINE);
                    assertThat(b.deviceId()).isEqualTo("sim-e2e-" + b.bedId());
                    // ECG values are physical (mV): an R wave is there, about 1 mV
                    float max = Float.NEGATIVE_INFINITY;
                    for (long k = ecg.written() - 500; k < ecg.written(); k++) {
                        if (!Float.isNaN(ecg.get(k))) {
                            max = Math.max(max, ecg.get(k));
                        }
                    }
                    assertThat(max).as("bed %s R wave (mV)", b.bedId()).isBetween(0.5f, 2.5f);
                    assertThat(b.numerics()).containsKeys(MeasurementCode.HEART_RATE, MeasurementCode.SPO2,
                            MeasurementCode.PULSE_RATE, MeasurementCode.RESP_RATE, MeasurementCode.TEMP_BODY,
                            MeasurementCode.NIBP_SYS, MeasurementCode.NIBP_DIA, MeasurementCode.NIBP_MEAN);
                }
                assertThat(link.rejects().total()).as("rejected messages").isZero();
                assertThat(live.bedsWithData(Instant.now(), 10)).isEqualTo(12);
            }
        }
    }

    @Test
    void aBedThatIsNotConfiguredIsMonitoredAsUnassignedAtTheEnd() throws Exception {
        try (EmbeddedMqttBroker broker = EmbeddedMqttBroker.start()) {
            WardLive live = new WardLive(List.of(new Bed("01", "Bed 01", true)));
            List<String> announced = new java.util.concurrent.CopyOnWriteArrayList<>();
            live.onNewBed(b -> announced.add(b.bedId()));
            try (WardLink link = new WardLink(new LinkSettings(broker.url(), "e2e2", "st1"), live, Clock.systemUTC());
                 WardSimulator sim = new WardSimulator(broker.url(), "e2e2", 3, Clock.systemUTC())) {
                link.start();
                await().atMost(Duration.ofSeconds(10)).until(() -> link.state() == LinkState.CONNECTED);
                sim.start();
                await().atMost(Duration.ofSeconds(10)).until(() -> live.size() == 3);
                // the configured bed first, then the others in the order they were first heard
                assertThat(live.beds().get(0).bedId()).isEqualTo("01");
                assertThat(live.beds().subList(1, 3)).extracting(BedLive::bedId).containsExactlyInAnyOrder("02", "03");
                assertThat(live.beds().subList(1, 3)).noneMatch(BedLive::configured);
                assertThat(announced).containsExactlyInAnyOrder("02", "03");
                await().atMost(Duration.ofSeconds(5)).until(() -> live.bed("03").numeric(MeasurementCode.HEART_RATE) != null);
            }
        }
    }
}

package org.vigil.link.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.data.model.MeasurementCode;
import org.vigil.testing.SharedData;

/**
 * Loading recordings: hand-made BIDMC CSV and channel codes always; MIT-BIH 101, VFDB 430 and BIDMC 01 from
 * {@code ../shared/data} (skipped where absent). The known sample values were decoded independently (two
 * Python decoders) before being written here.
 */
class RecordingTest {

    @TempDir
    Path dir;

    @Test
    void channelCodesFollowTheDescriptionsAndStayUnique() {
        assertThat(Recording.channelCodes(List.of("MLII", "V1")))
                .containsExactly("MDC_ECG_ELEC_POTL_II", "MDC_ECG_ELEC_POTL_V");
        assertThat(Recording.channelCodes(List.of("V5", "MLII")))
                .containsExactly("MDC_ECG_ELEC_POTL_V", "MDC_ECG_ELEC_POTL_II");
        assertThat(Recording.channelCodes(List.of("V5", "V2")))
                .containsExactly("MDC_ECG_ELEC_POTL_V", "MDC_ECG_ELEC_POTL_V2");
        assertThat(Recording.channelCodes(List.of("ECG", "ECG")))
                .containsExactly("MDC_ECG_ELEC_POTL_II", "MDC_ECG_ELEC_POTL");
        assertThat(Recording.channelCodes(List.of("I", "aVF", "III", "ABP", "PLETH")))
                .containsExactly("MDC_ECG_ELEC_POTL_I", "MDC_ECG_ELEC_POTL_AVF", "MDC_ECG_ELEC_POTL_III",
                        "MDC_PRESS_BLD_ART_ABP", "MDC_PULS_OXIM_PLETH");
        assertThat(Recording.id("mitdb-101")).isEqualTo("mitdb-101");
        assertThat(Recording.id("my data.set-1")).isEqualTo("my-data-set-1");
    }

    @Test
    void bidmcColumnsAreFoundByTheirHeaderAndKeptExactly() throws IOException {
        Files.writeString(dir.resolve("bidmc_42_Signals.csv"), """
                Time [s], PLETH, V, II, RESP
                0,0.5,1,0.0029325,0.25
                0.008,0.51,NaN,-0.125,0.26
                0.016,0.52,2,1.5039,0.27
                """);
        Files.writeString(dir.resolve("bidmc_42_Numerics.csv"), """
                Time [s], SpO2, HR, RESP, PULSE, FOO
                0,97,NaN,16,71,3
                0.016,,72,17,NaN,4
                """);
        Recording r = Recording.load(dir.resolve("bidmc_42_Numerics.csv"));
        assertThat(r.name()).isEqualTo("bidmc-42");
        assertThat(r.deviceId()).isEqualTo("replay-bidmc-42");
        assertThat(r.rate()).isEqualTo(125);
        assertThat(r.frames()).isEqualTo(3);
        assertThat(r.channels()).extracting(Recording.Channel::code)
                .containsExactly(MeasurementCode.ECG_II, MeasurementCode.PLETH, MeasurementCode.RESP_WAVE);
        Recording.Channel ecg = r.channels().getFirst();
        assertThat(ecg.scale()).isEqualTo(1e-7);
        assertThat(ecg.samples()).containsExactly(29325, -1250000, 15039000);
        assertThat(r.channels().get(1).samples()).containsExactly(50, 51, 52);
        assertThat(r.numerics()).hasSize(2);
        Recording.NumericsRow first = r.numerics().getFirst();
        assertThat(first.frame()).isZero();
        assertThat(first.values()).containsExactly(
                new Recording.Reading(MeasurementCode.SPO2, 97.0, "%", null),
                new Recording.Reading(MeasurementCode.HEART_RATE, null, "/min", Recording.NOT_MEASURED),
                new Recording.Reading(MeasurementCode.RESP_RATE, 16.0, "/min", null),
                new Recording.Reading(MeasurementCode.PULSE_RATE, 71.0, "/min", null));
        assertThat(r.numerics().get(1).frame()).isEqualTo(2);
        assertThat(r.numerics().get(1).values().getFirst().invalid()).isEqualTo(Recording.NOT_MEASURED);
        assertThat(Recording.load(dir.resolve("bidmc_42")).name()).isEqualTo("bidmc-42");
    }

    @Test
    void aMissingRecordingNamesItsFile() {
        assertThatThrownBy(() -> Recording.load(dir.resolve("nothing"))).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("nothing.hea");
        assertThatThrownBy(() -> Recording.load(dir.resolve("101.hea"))).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("101.hea");
        assertThatThrownBy(() -> Recording.load(dir.resolve("bidmc_77_Signals.csv")))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("bidmc_77_Signals.csv");
    }

    @Test
    void mitdb101HasBothLeadsAt360HzWithKnownSamples() throws IOException {
        Path hea = SharedData.require("mitdb/101.hea");
        Recording r = Recording.load(hea);
        assertThat(Recording.load(hea.resolveSibling("101")).frames()).isEqualTo(r.frames());

        assertThat(r.name()).isEqualTo("mitdb-101");
        assertThat(r.rate()).isEqualTo(360);
        assertThat(r.frames()).isEqualTo(650_000);
        Recording.Channel mlii = r.channels().get(0);
        Recording.Channel v1 = r.channels().get(1);
        assertThat(mlii.code()).isEqualTo("MDC_ECG_ELEC_POTL_II");
        assertThat(v1.code()).isEqualTo("MDC_ECG_ELEC_POTL_V");
        assertThat(mlii.unit()).isEqualTo("mV");
        assertThat(mlii.scale()).isEqualTo(0.005);
        assertThat(mlii.offset()).isEqualTo(-5.12);
        // decoded independently (numpy and int.from_bytes), and the header's checksums were verified by the load
        assertThat(mlii.samples()[0]).isEqualTo(955);
        assertThat(v1.samples()[0]).isEqualTo(992);
        assertThat(List.of(3600, 3601, 3602, 3603, 3604, 3605)).map(i -> mlii.samples()[i])
                .containsExactly(952, 954, 957, 960, 955, 952);
        assertThat(List.of(3600, 3601, 3602, 3603, 3604, 3605)).map(i -> v1.samples()[i])
                .containsExactly(1004, 1002, 1003, 1003, 1001, 1000);
        assertThat(mlii.samples()[100_000]).isEqualTo(983);
        assertThat(v1.samples()[100_000]).isEqualTo(999);
        assertThat(mlii.offset() + mlii.scale() * 1224).isCloseTo(1.0, within(1e-12));
        assertThat(r.episodes()).isEmpty();
        // HR rows, one per second; learning until 8 RR intervals (beat 9 is at sample 2662, second 8)
        assertThat(r.numerics()).hasSize(1806);
        assertThat(r.numerics().get(7).values().getFirst().invalid()).isEqualTo(Recording.LEARNING);
        assertThat(r.numerics().get(8).values().getFirst().value()).isEqualTo(67.0);
    }

    @Test
    void vfdb430HasItsRhythmEpisodesAndNoHeartRate() throws IOException {
        Recording r = Recording.load(SharedData.require("vfdb/430.hea"));
        assertThat(r.name()).isEqualTo("vfdb-430");
        assertThat(r.rate()).isEqualTo(250);
        assertThat(r.channels()).extracting(Recording.Channel::code)
                .containsExactly("MDC_ECG_ELEC_POTL_II", "MDC_ECG_ELEC_POTL");
        assertThat(r.channels().getFirst().samples()[0]).isEqualTo(-72);
        assertThat(r.channels().get(1).samples()[0]).isEqualTo(-45);
        assertThat(List.of(120807, 120808, 120809, 120810, 120811)).map(i -> r.channels().getFirst().samples()[i])
                .containsExactly(-78, -79, -77, -76, -72);
        assertThat(r.channels().getFirst().offset()).isZero();
        // rhythm annotations: (VT 51903, (BI 53211, (VT 94423, (BI 94903, (VFL 99557, (NOISE 118057,
        // (VF 120807, (ASYS 131153, ...
        assertThat(r.episodes()).startsWith(
                new Recording.Episode(51903, 53211, "VTACH", "Ventricular tachycardia"),
                new Recording.Episode(94423, 94903, "VTACH", "Ventricular tachycardia"),
                new Recording.Episode(99557, 118057, "VFLUTTER", "Ventricular flutter"),
                new Recording.Episode(120807, 131153, "VFIB", "Ventricular fibrillation"));
        assertThat(r.episodes().get(4).condition()).isEqualTo("ASYSTOLE");
        assertThat(r.episodes().get(4).startFrame()).isEqualTo(131153);
        assertThat(r.numerics()).allSatisfy(row -> assertThat(row.values()).singleElement().satisfies(v -> {
            assertThat(v.value()).isNull();
            assertThat(v.invalid()).isEqualTo(Recording.NOT_MEASURED);
        }));
    }

    @Test
    void bidmc01IsReadByItsHeaderAt125HzWithTheNumericsOfTheCsv() throws IOException {
        Recording r = Recording.load(SharedData.require("bidmc/bidmc_01_Signals.csv"));
        assertThat(r.name()).isEqualTo("bidmc-01");
        assertThat(r.rate()).isEqualTo(125);
        assertThat(r.frames()).isEqualTo(60_001);
        // header: Time [s], RESP, PLETH, V, AVR, II; first row 0,0.35386,0.43597,0.52549,0.30392,0.72549
        assertThat(r.channels()).extracting(Recording.Channel::code)
                .containsExactly(MeasurementCode.ECG_II, MeasurementCode.PLETH, MeasurementCode.RESP_WAVE);
        assertThat(physical(r.channels().get(0), 0)).isCloseTo(0.72549, within(1e-12));
        assertThat(physical(r.channels().get(1), 0)).isCloseTo(0.43597, within(1e-12));
        assertThat(physical(r.channels().get(2), 0)).isCloseTo(0.35386, within(1e-12));
        // last row: 480,0.13783,0.40274,0.49412,0.53529,0.38039
        assertThat(physical(r.channels().get(0), 60_000)).isCloseTo(0.38039, within(1e-12));
        // numerics rows: "0,94,93,25,97", "111,92,NaN,23,NaN", "480,90,90,20,96"
        assertThat(r.numerics()).hasSize(481);
        assertRow(r.numerics().get(0), 0, 94.0, 93.0, 25.0, 97.0);
        assertRow(r.numerics().get(111), 111 * 125, 92.0, null, 23.0, null);
        assertRow(r.numerics().get(480), 480 * 125, 90.0, 90.0, 20.0, 96.0);
    }

    private static double physical(Recording.Channel c, int i) {
        return c.offset() + c.scale() * c.samples()[i];
    }

    private static void assertRow(Recording.NumericsRow row, long frame, Double hr, Double pulse, Double resp,
                                  Double spo2) {
        assertThat(row.frame()).isEqualTo(frame);
        assertThat(row.values()).extracting(Recording.Reading::code).containsExactly(MeasurementCode.HEART_RATE,
                MeasurementCode.PULSE_RATE, MeasurementCode.RESP_RATE, MeasurementCode.SPO2);
        assertThat(row.values()).extracting(Recording.Reading::value).containsExactly(hr, pulse, resp, spo2);
        assertThat(row.values()).allMatch(v -> (v.value() == null) == Recording.NOT_MEASURED.equals(v.invalid()));
    }
}

package org.vigil.link.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vigil.data.recording.codec.WaveformCodec;
import org.vigil.testing.SharedData;

/**
 * The full-disclosure codec on real ECG: every channel of every record of MIT-BIH (360 Hz) and of VFDB (250 Hz) in
 * the shared recordings comes back bit-exact, cut into blocks of 10 s (the compacted store) and of 1 s (the
 * durability flush); and MIT-BIH takes fewer bits per sample than FLAC -8 does (about 4.9). Skipped with a message
 * where the recordings are absent.
 */
class WaveformCodecRecordsTest {

    @ParameterizedTest(name = "blocks of {0} s")
    @ValueSource(ints = {10, 1})
    void everyMitBihChannelRoundTripsBitExactInBlocks(int seconds) throws IOException {
        Totals t = roundTripEvery(SharedData.require("mitdb"), seconds);
        assertThat(t.records).as("MIT-BIH records").isEqualTo(22);
        double bitsPerSample = 8.0 * t.bytes / t.samples;
        System.out.printf("MIT-BIH, %d records, %d samples, blocks of %d s: %.3f bits/sample%n", t.records, t.samples,
                seconds, bitsPerSample);
        // FLAC -8 takes about 4.9 bits/sample on these records; the stretch goal of issue 5 is 4.5 at 10 s blocks
        assertThat(bitsPerSample).isLessThan(seconds == 10 ? 4.5 : 4.9);
    }

    @ParameterizedTest(name = "blocks of {0} s")
    @ValueSource(ints = {10, 1})
    void everyVfdbChannelRoundTripsBitExactInBlocks(int seconds) throws IOException {
        Totals t = roundTripEvery(SharedData.require("vfdb"), seconds);
        assertThat(t.records).as("VFDB records").isEqualTo(11);
        System.out.printf("VFDB, %d records, %d samples, blocks of %d s: %.3f bits/sample%n", t.records, t.samples,
                seconds, 8.0 * t.bytes / t.samples);
    }

    private static final class Totals {
        int records;
        long samples;
        long bytes;
    }

    private static Totals roundTripEvery(Path dir, int seconds) throws IOException {
        List<Path> headers;
        try (Stream<Path> files = Files.list(dir)) {
            headers = files.filter(p -> p.getFileName().toString().endsWith(".hea")).sorted().toList();
        }
        Totals t = new Totals();
        for (Path hea : headers) {
            WfdbHeader header = WfdbHeader.read(hea);
            int[][] signals = WfdbSignals.read(dir, header);
            int block = (int) Math.round(header.frequency() * seconds);
            for (int s = 0; s < signals.length; s++) {
                int[] x = signals[s];
                for (int from = 0; from < x.length; from += block) {
                    int length = Math.min(block, x.length - from);
                    byte[] encoded = WaveformCodec.encode(x, from, length);
                    int[] decoded = WaveformCodec.decode(encoded);
                    if (!Arrays.equals(decoded, 0, length, x, from, from + length)) {
                        fail("%s signal %d: the block of %d samples from sample %d does not come back bit-exact",
                                header.record(), s, length, from);
                    }
                    t.bytes += encoded.length;
                    t.samples += length;
                }
            }
            t.records++;
        }
        return t;
    }
}

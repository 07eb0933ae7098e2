package org.vigil.data.recording.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Round trips of {@link WaveformCodec} over random signals of every kind the recorder could be handed (smooth,
 * noisy, constant, ramps, white noise of every width, extreme values, wild jumps), split into blocks anywhere;
 * and damaged blocks always refused with {@link CorruptBlockException}.
 */
class WaveformCodecPropertyTest {

    private static final int[] EXTREMES = {Integer.MIN_VALUE, Integer.MIN_VALUE + 1, -1, 0, 1, Integer.MAX_VALUE - 1,
            Integer.MAX_VALUE};

    @Property(tries = 300)
    void everySignalRoundTripsBitExact(@ForAll("signals") int[] x) {
        byte[] block = WaveformCodec.encode(x);
        assertThat(WaveformCodec.sampleCount(block)).isEqualTo(x.length);
        assertThat(WaveformCodec.decode(block)).containsExactly(x);
    }

    @Property(tries = 200)
    void anyIntsRoundTrip(@ForAll @Size(min = 1, max = 2000) int[] x) {
        assertThat(WaveformCodec.decode(WaveformCodec.encode(x))).containsExactly(x);
    }

    @Property(tries = 400)
    void whiteNoiseOfEveryBitWidthRoundTripsAndNeverGrowsPastItsWidth(
            @ForAll @IntRange(min = 0, max = 32) int bits, @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 4000) int length) {
        Random random = new Random(seed);
        int[] x = new int[length];
        for (int i = 0; i < length; i++) {
            // signed values of exactly `bits` bits: [-2^(bits-1), 2^(bits-1))
            x[i] = bits == 0 ? 0 : random.nextInt() >> (32 - bits);
        }
        byte[] block = WaveformCodec.encode(x);
        assertThat(WaveformCodec.decode(block)).containsExactly(x);
        assertThat((long) block.length).as("bytes for %d samples of %d bits", length, bits)
                .isLessThanOrEqualTo((long) (bits + 2) * length / 8 + 48);
    }

    @net.jqwik.api.Example
    void shortNoiseIsStoredVerbatimNotExpanded() {
        // found by CI: 200 samples of 19-bit noise cost the adaptive coder 29.6 bits a sample before verbatim blocks
        Random random = new Random(42);
        int[] x = new int[200];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextInt() >> (32 - 19);
        }
        byte[] block = WaveformCodec.encode(x);
        assertThat(WaveformCodec.decode(block)).containsExactly(x);
        assertThat(block.length).isLessThanOrEqualTo(19 * 200 / 8 + 10);
    }

    @Property(tries = 200)
    void constantSignalsCostAlmostNothing(@ForAll int value, @ForAll @IntRange(min = 1, max = 20_000) int length) {
        int[] x = new int[length];
        Arrays.fill(x, value);
        byte[] block = WaveformCodec.encode(x);
        assertThat(WaveformCodec.decode(block)).containsExactly(x);
        assertThat(block.length).isLessThanOrEqualTo(24 + length / 100);
    }

    @Property(tries = 200)
    void rampsRoundTripAndCostAlmostNothing(@ForAll int start, @ForAll @IntRange(min = -100_000, max = 100_000) int slope,
                                            @ForAll @IntRange(min = 1, max = 10_000) int length) {
        int[] x = new int[length];
        for (int i = 0; i < length; i++) {
            long v = start + (long) slope * i;
            x[i] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v)); // a ramp that saturates
        }
        byte[] block = WaveformCodec.encode(x);
        assertThat(WaveformCodec.decode(block)).containsExactly(x);
        assertThat(block.length).isLessThanOrEqualTo(40 + length / 20);
    }

    @Property(tries = 300)
    void extremeValuesAndWildJumpsRoundTrip(@ForAll("extremes") int[] x) {
        assertThat(WaveformCodec.decode(WaveformCodec.encode(x))).containsExactly(x);
    }

    @Property(tries = 300)
    void aSingleSampleRoundTrips(@ForAll int value) {
        byte[] block = WaveformCodec.encode(new int[]{value});
        assertThat(WaveformCodec.sampleCount(block)).isEqualTo(1);
        assertThat(WaveformCodec.decode(block)).containsExactly(value);
    }

    @Property(tries = 100)
    void aSignalSplitIntoBlocksAnywhereComesBackWhole(@ForAll("signals") int[] x, @ForAll long seed) {
        Random random = new Random(seed);
        List<byte[]> blocks = new ArrayList<>();
        for (int from = 0; from < x.length; ) {
            int length = 1 + random.nextInt(Math.min(x.length - from, 1 + random.nextInt(800)));
            blocks.add(WaveformCodec.encode(x, from, length));
            from += length;
        }
        int[] joined = new int[x.length];
        int at = 0;
        for (byte[] b : blocks) {
            int[] part = WaveformCodec.decode(b);
            assertThat(part).hasSize(WaveformCodec.sampleCount(b));
            System.arraycopy(part, 0, joined, at, part.length);
            at += part.length;
        }
        assertThat(at).isEqualTo(x.length);
        assertThat(joined).containsExactly(x);
    }

    @Property(tries = 300)
    void anyFlippedBitIsRefused(@ForAll("signals") int[] x, @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int where) {
        byte[] block = WaveformCodec.encode(x);
        int bit = where % (block.length * 8);
        block[bit / 8] ^= (byte) (1 << (bit % 8));
        assertThatThrownBy(() -> WaveformCodec.decode(block)).isInstanceOf(CorruptBlockException.class);
    }

    @Property(tries = 300)
    void anyTruncationIsRefused(@ForAll("signals") int[] x, @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int where) {
        byte[] block = WaveformCodec.encode(x);
        byte[] cut = Arrays.copyOf(block, where % block.length);
        assertThatThrownBy(() -> WaveformCodec.decode(cut)).isInstanceOf(CorruptBlockException.class);
    }

    /** Garbage that happens to carry a valid checksum still decodes to samples or a CorruptBlockException, no crash. */
    @Property(tries = 1000)
    void garbageWithAValidChecksumNeverEscapesAsAnotherException(@ForAll @Size(min = 3, max = 300) byte[] body,
                                                                @ForAll @IntRange(min = 1, max = 5000) int count) {
        byte[] block = Arrays.copyOf(body, body.length + 4);
        block[0] = WaveformCodec.FORMAT_VERSION;
        block[1] = (byte) (count & 0x7F | 0x80);
        block[2] = (byte) (count >>> 7);
        if (body.length > 3) {
            block[3] = (byte) Math.floorMod(block[3], 3);
        }
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(block, 0, body.length);
        int c = (int) crc.getValue();
        for (int i = 0; i < 4; i++) {
            block[body.length + i] = (byte) (c >>> (8 * i));
        }
        try {
            assertThat(WaveformCodec.decode(block)).hasSize(count);
        } catch (CorruptBlockException expected) {
            assertThat(expected).hasMessageContaining("waveform block");
        }
    }

    @Provide
    Arbitrary<int[]> signals() {
        return Combinators.combine(Arbitraries.integers().between(0, 6), Arbitraries.longs(),
                        Arbitraries.integers().between(1, 5000))
                .as(WaveformCodecPropertyTest::signal);
    }

    @Provide
    Arbitrary<int[]> extremes() {
        return Arbitraries.oneOf(Arbitraries.of(Arrays.stream(EXTREMES).boxed().toList()), Arbitraries.integers())
                .array(int[].class).ofMinSize(1).ofMaxSize(500);
    }

    /** A signal of one of several kinds, made from a seed. */
    static int[] signal(int kind, long seed, int length) {
        Random r = new Random(seed);
        int[] x = new int[length];
        double phase = r.nextDouble() * 6.28;
        int amplitude = 1 << r.nextInt(31);
        int offset = r.nextInt();
        long walk = r.nextInt(4096) - 2048;
        for (int i = 0; i < length; i++) {
            x[i] = switch (kind) {
                // ECG-like at 250..500 Hz: a smooth wave, a spike each "beat", baseline wander and 2-bit noise
                case 0 -> (int) (300 * Math.sin(i * 0.02 + phase) + (i % 250 < 8 ? 900 : 0) + 50 * Math.sin(i * 0.001)
                        + r.nextInt(4));
                // a random walk of small steps (a wandering baseline)
                case 1 -> (int) (walk += r.nextInt(9) - 4);
                // a sine of any amplitude around any offset (wraps past the int range: wild jumps)
                case 2 -> offset + (int) (amplitude * Math.sin(i * 0.05 + phase));
                // smooth with occasional jumps between extremes (saturated ADC, reconnects)
                case 3 -> r.nextInt(100) == 0 ? EXTREMES[r.nextInt(EXTREMES.length)]
                        : (int) (1000 * Math.sin(i * 0.03));
                // uniform full range
                case 4 -> r.nextInt();
                // a square wave between two random values
                case 5 -> (i / (1 + (seed & 63)) & 1) == 0 ? offset : offset ^ amplitude;
                // mostly zero with rare spikes of any size
                default -> r.nextInt(50) == 0 ? r.nextInt() >> r.nextInt(32) : 0;
            };
        }
        return x;
    }
}

package org.vigil.data.recording.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The block format of {@link WaveformCodec}: its limits, its errors, and a block pinned byte for byte. */
class WaveformCodecTest {

    /** 40 samples of a made-up ECG-like curve (a sine with a spike and a little noise); pinned below. */
    private static final int[] PINNED_SAMPLES = {-90, -37, 9, 48, 79, 100, 113, 110, 94, 67, 30, -10, -59, -110,
        -159, -204, -237, -266, -284, -289, 418, -258, -228, -190, -145, -97, -43, 3, 43, 76, 98, 113, 111, 97, 71,
        35, -4, -52, -103, -153};
    private static final String PINNED_BLOCK = "012801f4f2331e51943f07d1f5ae52ef6489eb1d50ca7eb800dfc4c020c05faca34694"
            + "0ea5f9116743b8011012a62385cc";

    @Test
    void aVersionOneBlockWrittenYesterdayStillDecodes() {
        // Blocks stay in the store for days: a change to the model must come with a new format version.
        byte[] block = HexFormat.of().parseHex(PINNED_BLOCK);
        assertThat(WaveformCodec.decode(block)).containsExactly(PINNED_SAMPLES);
        assertThat(WaveformCodec.encode(PINNED_SAMPLES)).as("encoder output of format version 1")
                .isEqualTo(block);
    }

    @Test
    void theHeaderStartsWithTheVersionAndGivesTheCountWithoutDecoding() {
        byte[] block = WaveformCodec.encode(new int[2500]);
        assertThat(block[0]).isEqualTo((byte) WaveformCodec.FORMAT_VERSION);
        assertThat(WaveformCodec.sampleCount(block)).isEqualTo(2500);
        assertThat(block.length).as("2500 zeros").isLessThanOrEqualTo(12);
    }

    @Test
    void aSliceOfAnArrayEncodesOnlyThatSlice() {
        int[] x = {9, 8, 7, 6, 5, 4, 3};
        assertThat(WaveformCodec.decode(WaveformCodec.encode(x, 2, 3))).containsExactly(7, 6, 5);
        assertThatThrownBy(() -> WaveformCodec.encode(x, 5, 3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> WaveformCodec.encode(x, -1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void aMillionSamplesFitOneBlockAndNoMore() {
        Random r = new Random(5);
        int[] x = new int[WaveformCodec.MAX_SAMPLES];
        for (int i = 1; i < x.length; i++) {
            x[i] = x[i - 1] + r.nextInt(21) - 10;
        }
        byte[] block = WaveformCodec.encode(x);
        assertThat(WaveformCodec.sampleCount(block)).isEqualTo(WaveformCodec.MAX_SAMPLES);
        assertThat(WaveformCodec.decode(block)).isEqualTo(x);
        assertThatThrownBy(() -> WaveformCodec.encode(new int[WaveformCodec.MAX_SAMPLES + 1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 1000000 samples");
        assertThatThrownBy(() -> WaveformCodec.encode(new int[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not 0");
    }

    @Test
    void damagedBlocksAreRefusedWithAReason() {
        byte[] block = WaveformCodec.encode(PINNED_SAMPLES);

        byte[] flipped = block.clone();
        flipped[block.length / 2] ^= 0x10;
        assertThatThrownBy(() -> WaveformCodec.decode(flipped)).isInstanceOf(CorruptBlockException.class)
                .hasMessageContaining("checksum");

        byte[] truncated = java.util.Arrays.copyOf(block, block.length - 1);
        assertThatThrownBy(() -> WaveformCodec.decode(truncated)).isInstanceOf(CorruptBlockException.class)
                .hasMessageContaining("checksum");

        assertThatThrownBy(() -> WaveformCodec.decode(new byte[3])).isInstanceOf(CorruptBlockException.class)
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> WaveformCodec.sampleCount(new byte[0])).isInstanceOf(CorruptBlockException.class)
                .hasMessageContaining("truncated");

        byte[] future = block.clone();
        future[0] = 2;
        assertThatThrownBy(() -> WaveformCodec.decode(future)).isInstanceOf(CorruptBlockException.class)
                .hasMessageContaining("format version 2");
        assertThatThrownBy(() -> WaveformCodec.sampleCount(future)).isInstanceOf(CorruptBlockException.class);

        byte[] noCount = {1, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01, 0, 0, 0, 0, 0};
        assertThatThrownBy(() -> WaveformCodec.sampleCount(noCount)).isInstanceOf(CorruptBlockException.class)
                .hasMessageContaining("sample count");
        byte[] tooMany = {1, (byte) 0xFF, (byte) 0xFF, 0x7F, 0, 0, 0, 0, 0};
        assertThatThrownBy(() -> WaveformCodec.sampleCount(tooMany)).isInstanceOf(CorruptBlockException.class)
                .hasMessageContaining("claims");
    }
}

package org.vigil.link.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** WFDB header, signal and annotation readers on small hand-made inputs. */
class WfdbReadersTest {

    @TempDir
    Path dir;

    private static final String HEADER = """
            # a comment before the record line
            rec1 2 360 4
            rec1.dat 212 200 11 1024 955 29832 0 MLII
            rec1.dat 212 100(-20)/uV 12 0 -3 -1 0 V1 lead, chest
            # trailing comment
            """;

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n"})
    void theHeaderParsesWithLfAndCrlfLineEnds(String eol) throws IOException {
        Path hea = dir.resolve("rec1.hea");
        Files.writeString(hea, HEADER.replace("\n", eol), StandardCharsets.US_ASCII);

        WfdbHeader h = WfdbHeader.read(hea);

        assertThat(h.record()).isEqualTo("rec1");
        assertThat(h.frequency()).isEqualTo(360);
        assertThat(h.nsamp()).isEqualTo(4);
        assertThat(h.signals()).hasSize(2);
        WfdbHeader.Signal s0 = h.signals().get(0);
        assertThat(s0.fileName()).isEqualTo("rec1.dat");
        assertThat(s0.format()).isEqualTo(212);
        assertThat(s0.gain()).isEqualTo(200);
        assertThat(s0.baseline()).as("baseline defaults to ADC zero").isEqualTo(1024);
        assertThat(s0.units()).isEqualTo("mV");
        assertThat(s0.adcResolution()).isEqualTo(11);
        assertThat(s0.adcZero()).isEqualTo(1024);
        assertThat(s0.initialValue()).isEqualTo(955);
        assertThat(s0.checksum()).isEqualTo(29832);
        assertThat(s0.blockSize()).isZero();
        assertThat(s0.description()).isEqualTo("MLII");
        assertThat(s0.scale()).isEqualTo(0.005);
        assertThat(s0.offset()).isEqualTo(-5.12);
        assertThat(s0.offset() + s0.scale() * 1224).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        WfdbHeader.Signal s1 = h.signals().get(1);
        assertThat(s1.gain()).isEqualTo(100);
        assertThat(s1.baseline()).isEqualTo(-20);
        assertThat(s1.units()).isEqualTo("uV");
        assertThat(s1.checksum()).isEqualTo(-1);
        assertThat(s1.description()).isEqualTo("V1 lead, chest");
    }

    @Test
    void omittedFieldsTakeWfdbDefaults() {
        WfdbHeader h = WfdbHeader.parse("r 1\nr.dat 16+512 0\n");
        assertThat(h.frequency()).isEqualTo(250);
        assertThat(h.nsamp()).isZero();
        WfdbHeader.Signal s = h.signals().getFirst();
        assertThat(s.format()).isEqualTo(16);
        assertThat(s.byteOffset()).isEqualTo(512);
        assertThat(s.gain()).as("gain 0 means 200").isEqualTo(200);
        assertThat(s.baseline()).isZero();
        assertThat(s.checksum()).isNull();
        assertThat(s.description()).isEmpty();
    }

    @Test
    void badHeadersNameTheLine() {
        assertThatThrownBy(() -> WfdbHeader.parse("r 2 250 10\nr.dat 212\n")).hasMessageContaining("2 signals");
        assertThatThrownBy(() -> WfdbHeader.parse("r 1 250\n\n#x\nr.dat 212 abc\n")).hasMessageContaining("line 4");
        assertThatThrownBy(() -> WfdbHeader.parse("r/3 2 250\n")).hasMessageContaining("multi-segment");
        assertThatThrownBy(() -> WfdbHeader.parse("# only comments\n")).hasMessageContaining("no record line");
    }

    @Test
    void format212DecodesTwelveBitTwosComplementPairs() {
        // samples 0x123 = 291 and 0xABC = -1348; then 2047, -2048; then -1 and an odd last sample 5
        byte[] b = {0x23, (byte) 0xA1, (byte) 0xBC, (byte) 0xFF, (byte) 0x87, 0x00, (byte) 0xFF, (byte) 0xFF,
                (byte) 0xFF, 0x05, 0x00};
        assertThat(WfdbSignals.decode212(b, 0, 7)).containsExactly(291, -1348, 2047, -2048, -1, -1, 5);
        assertThat(WfdbSignals.decode212(b, 0, 3)).containsExactly(291, -1348, 2047);
        assertThat(WfdbSignals.decode212(b, 3, 2)).containsExactly(2047, -2048);
    }

    @Test
    void format16DecodesLittleEndianTwosComplement() {
        byte[] b = {0x34, 0x12, (byte) 0xFF, (byte) 0xFF, 0x00, (byte) 0x80, (byte) 0xFF, 0x7F, 0x01};
        assertThat(WfdbSignals.decode16(b, 0, 10)).containsExactly(0x1234, -1, -32768, 32767);
        assertThat(WfdbSignals.decode16(b, 2, 1)).containsExactly(-1);
    }

    @Test
    void aRecordIsDeinterleavedAndItsChecksumChecked() throws IOException {
        // 3 frames of 2 signals, format 16: (1, -1), (2, -2), (300, -300)
        byte[] data = {1, 0, (byte) 0xFF, (byte) 0xFF, 2, 0, (byte) 0xFE, (byte) 0xFF, 44, 1, (byte) 0xD4, (byte) 0xFE};
        Files.write(dir.resolve("r.dat"), data);
        WfdbHeader ok = WfdbHeader.parse("r 2 100 3\nr.dat 16 200 16 0 1 303 0 ECG\nr.dat 16 200 16 0 -1 -303 0 ECG\n");
        int[][] x = WfdbSignals.read(dir, ok);
        assertThat(x[0]).containsExactly(1, 2, 300);
        assertThat(x[1]).containsExactly(-1, -2, -300);

        WfdbHeader wrongSum = WfdbHeader.parse("r 2 100 3\nr.dat 16 200 16 0 1 304 0 ECG\nr.dat 16\n");
        assertThatThrownBy(() -> WfdbSignals.read(dir, wrongSum)).hasMessageContaining("checksum")
                .hasMessageContaining("r.dat");
        WfdbHeader tooLong = WfdbHeader.parse("r 2 100 4\nr.dat 16\nr.dat 16\n");
        assertThatThrownBy(() -> WfdbSignals.read(dir, tooLong)).hasMessageContaining("holds 3 samples");
        WfdbHeader missing = WfdbHeader.parse("q 1 100 4\nq.dat 16\n");
        assertThatThrownBy(() -> WfdbSignals.read(dir, missing)).isInstanceOf(IOException.class)
                .hasMessageContaining("q.dat");
        WfdbHeader unsupported = WfdbHeader.parse("r 1 100\nr.dat 80\n");
        assertThatThrownBy(() -> WfdbSignals.read(dir, unsupported)).hasMessageContaining("format 80");
    }

    private static void word(java.io.ByteArrayOutputStream out, int code, int value) {
        int w = code << 10 | value;
        out.write(w & 0xFF);
        out.write(w >> 8);
    }

    @Test
    void annotationsDecodeSkipAuxAndTheFieldCodes() {
        var out = new java.io.ByteArrayOutputStream();
        word(out, 1, 100);                          // N at 100
        word(out, 5, 250);                          // V at 350
        word(out, MitAnnotations.SUB, 3);           //   subtype 3
        word(out, MitAnnotations.NUM, 7);           //   num 7 (carries over)
        word(out, MitAnnotations.SKIP, 0);          // skip 70000 = 0x0001_1170: high word first
        out.write(0x01);
        out.write(0x00);
        out.write(0x70);
        out.write(0x11);
        word(out, MitAnnotations.RHYTHM, 10);       // + at 350 + 70000 + 10
        word(out, MitAnnotations.AUX, 3);           //   "(VT" padded to 4 bytes
        out.writeBytes(new byte[] {'(', 'V', 'T', 0});
        word(out, MitAnnotations.CHN, 1);           //   chan 1
        word(out, 28, 1000);                        // + with an even aux "(N" + NUL
        word(out, MitAnnotations.AUX, 4);
        out.writeBytes(new byte[] {'(', 'N', 0, 0});
        word(out, 0, 0);                            // end
        word(out, 1, 5);                            // ignored after the end

        List<MitAnnotations.Annotation> a = MitAnnotations.parse(out.toByteArray());

        assertThat(a).containsExactly(
                new MitAnnotations.Annotation(100, 1, 0, 0, 0, null),
                new MitAnnotations.Annotation(350, 5, 3, 0, 7, null),
                new MitAnnotations.Annotation(70360, 28, 0, 1, 7, "(VT"),
                new MitAnnotations.Annotation(71360, 28, 0, 1, 7, "(N"));
        assertThat(a.get(0).isBeat()).isTrue();
        assertThat(a.get(2).isBeat()).isFalse();
        assertThat(List.of(1, 2, 13, 16, 25, 30, 34, 35, 38)).allMatch(MitAnnotations::isBeat);
        assertThat(List.of(0, 14, 15, 17, 28, 37, 39)).noneMatch(MitAnnotations::isBeat);
    }

    @Test
    void aNegativeSkipGoesBackAndATruncatedFileIsRefused() {
        var out = new java.io.ByteArrayOutputStream();
        word(out, 1, 1000);
        word(out, MitAnnotations.SKIP, 0);
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0x9C, (byte) 0xFF}); // -100
        word(out, 1, 0);
        assertThat(MitAnnotations.parse(out.toByteArray())).extracting(MitAnnotations.Annotation::sample)
                .containsExactly(1000L, 900L);
        word(out, MitAnnotations.AUX, 9);
        assertThatThrownBy(() -> MitAnnotations.parse(out.toByteArray())).hasMessageContaining("AUX");
    }
}

package org.vigil.link.replay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reader of WFDB annotation files in the MIT format ({@code .atr}): 16-bit little-endian words, each a 6-bit
 * code {@code A} and a 10-bit field {@code I}. An ordinary code adds {@code I} sample intervals to the time;
 * the pseudo-codes modify the annotation just read or the time: SKIP (59: a 32-bit interval follows, high
 * 16-bit word first, each word little-endian), NUM (60), SUB (61), CHN (62) (the annotation's fields; NUM and
 * CHN carry over to the following annotations, as in WFDB), AUX (63: {@code I} bytes of text follow, padded
 * to an even length). {@code A = 0, I = 0} ends the file. Pure; any thread.
 */
public final class MitAnnotations {

    /** WFDB's RHYTHM code ("+"): the aux string names the rhythm that starts, such as {@code (VT}. */
    public static final int RHYTHM = 28;
    static final int SKIP = 59;
    static final int NUM = 60;
    static final int SUB = 61;
    static final int CHN = 62;
    static final int AUX = 63;

    /** One annotation; {@code sample} counts from the record's start, {@code aux} is null when absent. */
    public record Annotation(long sample, int code, int subtype, int chan, int num, String aux) {

        /** True for the beat codes of WFDB's ecgcodes: 1-13, 16, 25, 30, 34, 35, 38 (N, L, R, a, V, F, J, A...). */
        public boolean isBeat() {
            return MitAnnotations.isBeat(code);
        }
    }

    private MitAnnotations() {
    }

    /** True if {@code code} is a beat annotation code (WFDB's {@code isqrs}). */
    public static boolean isBeat(int code) {
        return code >= 1 && code <= 13 || code == 16 || code == 25 || code == 30 || code == 34 || code == 35
                || code == 38;
    }

    /** Reads {@code file}; errors name it. */
    public static List<Annotation> read(Path file) throws IOException {
        try {
            return parse(Files.readAllBytes(file));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Decodes an annotation file's bytes, in file order (by time for well-formed files).
     *
     * @throws IllegalArgumentException if it ends inside a SKIP or AUX
     */
    public static List<Annotation> parse(byte[] b) {
        List<Annotation> out = new ArrayList<>();
        long time = 0;
        int num = 0;
        int chan = 0;
        int i = 0;
        // the annotation being built: the pseudo-codes after it modify it (NUM and CHN also the following ones),
        // so it is added to the list when the next one begins
        long aTime = -1;
        int aCode = 0;
        int aSub = 0;
        String aAux = null;
        while (i + 1 < b.length) {
            int w = word(b, i);
            i += 2;
            int a = w >>> 10;
            int v = w & 0x3FF;
            if (a == 0 && v == 0) {
                break;
            }
            switch (a) {
                case SKIP -> {
                    if (i + 4 > b.length) {
                        throw new IllegalArgumentException("ends inside a SKIP at byte " + (i - 2));
                    }
                    time += word(b, i) << 16 | word(b, i + 2); // int arithmetic: a signed 32-bit interval
                    i += 4;
                }
                case NUM -> num = v;
                case SUB -> aSub = v;
                case CHN -> chan = v;
                case AUX -> {
                    if (i + v > b.length) {
                        throw new IllegalArgumentException("ends inside an AUX string at byte " + (i - 2));
                    }
                    int len = v;
                    while (len > 0 && b[i + len - 1] == 0) {
                        len--;
                    }
                    aAux = new String(b, i, len, StandardCharsets.ISO_8859_1);
                    i += v + (v & 1);
                }
                default -> {
                    if (aTime >= 0) {
                        out.add(new Annotation(aTime, aCode, aSub, chan, num, aAux));
                    }
                    time += v;
                    aTime = time;
                    aCode = a;
                    aSub = 0;
                    aAux = null;
                }
            }
        }
        if (aTime >= 0) {
            out.add(new Annotation(aTime, aCode, aSub, chan, num, aAux));
        }
        return out;
    }

    private static int word(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    }
}

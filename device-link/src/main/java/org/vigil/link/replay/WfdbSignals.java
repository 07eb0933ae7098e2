package org.vigil.link.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decoding of WFDB signal files ({@code .dat}) in format 212 (pairs of 12-bit two's-complement samples in 3
 * bytes: the first sample is byte 0 plus the low nibble of byte 1 as its high bits, the second is byte 2 plus
 * the high nibble of byte 1) and format 16 (16-bit little-endian two's complement). The signals of a file are
 * interleaved frame by frame. Samples are in ADC units. Pure functions; any thread.
 */
public final class WfdbSignals {

    private WfdbSignals() {
    }

    /** The first {@code count} samples of a format 212 stream (fewer if the bytes end first). */
    public static int[] decode212(byte[] data, int from, int count) {
        int available = (int) Math.min(count, (data.length - (long) from) * 2 / 3);
        int[] out = new int[Math.max(0, available)];
        for (int i = 0; i < out.length; i++) {
            int p = from + (i / 2) * 3;
            int v = (i & 1) == 0
                    ? (data[p] & 0xFF) | (data[p + 1] & 0x0F) << 8
                    : (data[p + 2] & 0xFF) | (data[p + 1] & 0xF0) << 4;
            out[i] = v << 20 >> 20; // sign-extend 12 bits
        }
        return out;
    }

    /** The first {@code count} samples of a format 16 stream (fewer if the bytes end first). */
    public static int[] decode16(byte[] data, int from, int count) {
        int available = (int) Math.min(count, (data.length - (long) from) / 2);
        int[] out = new int[Math.max(0, available)];
        for (int i = 0; i < out.length; i++) {
            int p = from + 2 * i;
            out[i] = (short) ((data[p] & 0xFF) | (data[p + 1] & 0xFF) << 8);
        }
        return out;
    }

    /**
     * Reads every signal of {@code header} from the files beside it in {@code dir}: one array of ADC units per
     * signal, {@code header.nsamp()} long (or as many whole frames as the files hold when the header gives no
     * length). Checks the header's checksums where given.
     *
     * @throws IOException naming the file if it is missing, shorter than the header says, in another format
     *     than 212 or 16, or fails its checksum
     */
    public static int[][] read(Path dir, WfdbHeader header) throws IOException {
        Map<String, List<Integer>> byFile = new LinkedHashMap<>();
        List<WfdbHeader.Signal> signals = header.signals();
        for (int s = 0; s < signals.size(); s++) {
            byFile.computeIfAbsent(signals.get(s).fileName(), k -> new ArrayList<>()).add(s);
        }
        int[][] out = new int[signals.size()][];
        for (Map.Entry<String, List<Integer>> e : byFile.entrySet()) {
            Path file = dir.resolve(e.getKey());
            List<Integer> members = e.getValue();
            WfdbHeader.Signal first = signals.get(members.getFirst());
            for (int s : members) {
                WfdbHeader.Signal sig = signals.get(s);
                if (sig.format() != first.format() || sig.byteOffset() != first.byteOffset()) {
                    throw new IOException(file + ": signals of one file must share format and byte offset");
                }
                if (sig.samplesPerFrame() != 1) {
                    throw new IOException(file + ": " + sig.samplesPerFrame() + " samples per frame are not supported");
                }
            }
            byte[] data = Files.readAllBytes(file);
            int k = members.size();
            int from = (int) Math.min(first.byteOffset(), data.length);
            long capacity = switch (first.format()) {
                case 212 -> (data.length - from) * 2L / 3 / k;
                case 16 -> (data.length - from) / 2L / k;
                default -> throw new IOException(file + ": format " + first.format() + " is not supported (212 and 16 are)");
            };
            long frames = header.nsamp() > 0 ? header.nsamp() : capacity;
            if (capacity < frames) {
                throw new IOException(file + ": holds " + capacity + " samples per signal, the header says " + frames);
            }
            if (frames * k > Integer.MAX_VALUE - 8) {
                throw new IOException(file + ": too long to replay (" + frames + " samples per signal)");
            }
            int count = (int) (frames * k);
            int[] stream = first.format() == 212 ? decode212(data, from, count) : decode16(data, from, count);
            for (int j = 0; j < k; j++) {
                int[] x = new int[(int) frames];
                for (int i = 0; i < x.length; i++) {
                    x[i] = stream[i * k + j];
                }
                int s = members.get(j);
                Integer checksum = signals.get(s).checksum();
                if (checksum != null && header.nsamp() > 0 && checksum(x) != checksum) {
                    throw new IOException(file + ": signal " + s + " fails its checksum (" + checksum(x) + ", header "
                            + checksum + "): damaged or not this header's file");
                }
                out[s] = x;
            }
        }
        return out;
    }

    /** WFDB's checksum: the sum of the samples as a 16-bit two's-complement number. */
    public static int checksum(int[] samples) {
        int sum = 0;
        for (int v : samples) {
            sum += v;
        }
        return (short) sum;
    }
}

package org.vigil.data.recording.codec;

import java.util.Arrays;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * Lossless codec of full-disclosure waveforms: a run of contiguous samples of one channel (any {@code int} values,
 * 1 to {@value #MAX_SAMPLES} of them) becomes a self-contained block, and back, bit-exact. Stateless: every method
 * may be called from any thread at once.
 *
 * <p>How: each sample is predicted by a fixed polynomial predictor (order 0, 1 or 2, chosen per block from the
 * sums of absolute differences) followed by an 8-tap NLMS filter over the first stage's residuals, which learns the
 * shape of the signal within the block. The residual is coded by an adaptive binary range coder (LZMA's): its bit
 * length through a 6-level binary tree whose probabilities depend on the running mean of recent residual
 * magnitudes (so a QRS complex costs more bits than the baseline around it, without side information), the bit
 * under the leading one with an adaptive probability, the rest raw, then the sign. The probabilities start from a
 * geometric prior per context and the filter from zero, so a block needs no tables in its header. Prediction is
 * done in {@code long} and clamped to the {@code int} range, so extreme values and wild jumps cost bits but never
 * overflow. The filter computes in {@code double}, which Java defines bit-exactly on every platform.
 *
 * <p>Block format, version {@value #FORMAT_VERSION}: one byte format version; the sample count as an unsigned
 * LEB128 varint (1 to 3 bytes); one byte predictor order; the range-coded payload (trailing zero bytes dropped);
 * or, with order 3 ("verbatim", taken whenever it is smaller, e.g. for noise), one byte sample width w and the
 * samples as w-bit two's complement packed from the least significant bit; then the CRC-32C of everything before it, 4 bytes little-endian. A damaged or truncated block fails the checksum and
 * throws {@link CorruptBlockException}; it never decodes to other samples.
 */
public final class WaveformCodec {

    /** The format version written in the first byte of every block. */
    public static final int FORMAT_VERSION = 1;
    /** The most samples one block holds. */
    public static final int MAX_SAMPLES = 1_000_000;

    private static final int CRC_BYTES = 4;
    private static final int MIN_BLOCK_BYTES = 1 + 1 + 1 + CRC_BYTES;

    private static final int NLMS_ORDER = 8;
    private static final double NLMS_STEP = 0.08;
    /**
     * The running mean of residual magnitudes is kept times 2^MEAN_SHIFT: an exponential mean over about two
     * samples, which on MIT-BIH codes 0.09 bits/sample better than over 16 (it follows a QRS complex at once).
     */
    private static final int MEAN_SHIFT = 1;
    private static final long INITIAL_MEAN = 16L << MEAN_SHIFT;
    private static final int CONTEXTS = 64;
    private static final int TREE = 64;
    private static final int TREE_LEVELS = 6;
    /** Residual magnitudes are below 2^32 (a difference of two ints), so bit lengths are 0..32. */
    private static final int MAX_BIT_LENGTH = 32;

    private static final int PROB_BITS = 12;
    private static final int PROB_ONE = 1 << PROB_BITS;
    private static final int PROB_HALF = PROB_ONE / 2;
    private static final int ADAPT_SHIFT = 5;
    private static final int TOP = 1 << 24;

    private static final short[] PRIOR = prior();

    private WaveformCodec() {
    }

    /** Encodes all of {@code samples} (1 to {@value #MAX_SAMPLES} of them) into one block. */
    public static byte[] encode(int[] samples) {
        Objects.requireNonNull(samples, "samples");
        return encode(samples, 0, samples.length);
    }

    /**
     * Encodes {@code samples[from .. from + length)} (1 to {@value #MAX_SAMPLES} of them) into one block.
     *
     * @throws IllegalArgumentException if {@code length} is outside 1..{@value #MAX_SAMPLES}
     * @throws IndexOutOfBoundsException if the range is outside the array
     */
    public static byte[] encode(int[] samples, int from, int length) {
        Objects.requireNonNull(samples, "samples");
        if (length < 1 || length > MAX_SAMPLES) {
            throw new IllegalArgumentException("a block holds 1 to " + MAX_SAMPLES + " samples, not " + length);
        }
        Objects.checkFromIndexSize(from, length, samples.length);
        int order = chooseOrder(samples, from, length);

        Encoder enc = new Encoder(length / 2 + 64);
        enc.header(FORMAT_VERSION);
        for (int v = length; ; v >>>= 7) {
            if (v < 0x80) {
                enc.header(v);
                break;
            }
            enc.header(v & 0x7F | 0x80);
        }
        enc.header(order);
        enc.startPayload();

        short[] tree = PRIOR.clone();
        short[] mantissa = new short[MAX_BIT_LENGTH + 1];
        Arrays.fill(mantissa, (short) PROB_HALF);
        short[] sign = {(short) PROB_HALF};
        double[] w = new double[NLMS_ORDER];
        double[] h = new double[2 * NLMS_ORDER];
        int hp = 0;
        long mean = INITIAL_MEAN;
        long x1 = 0;
        long x2 = 0;
        for (int i = 0; i < length; i++) {
            long x = samples[from + i];
            long p1 = fixedPrediction(i < order ? i : order, x1, x2);
            long r = x - clamp(p1 + nlmsPrediction(w, h, hp));

            long m = Math.abs(r);
            int n = 64 - Long.numberOfLeadingZeros(m);
            enc.tree(tree, context(mean) * TREE, n);
            if (n >= 2) {
                enc.bit(mantissa, n, (int) (m >>> (n - 2)) & 1);
                enc.direct(m, n - 2);
            }
            if (n > 0) {
                enc.bit(sign, 0, r < 0 ? 1 : 0);
            }

            mean += m - (mean >> MEAN_SHIFT);
            nlmsUpdate(w, h, hp, r);
            hp = hp == 0 ? NLMS_ORDER - 1 : hp - 1;
            h[hp] = h[hp + NLMS_ORDER] = x - p1;
            x2 = x1;
            x1 = x;
        }
        byte[] modelled = enc.finish();
        byte[] verbatim = verbatim(samples, from, length);
        // Noise defeats any model, and the coder's learning costs most on short blocks: never store more than the
        // samples' own bits (as FLAC's verbatim subframes do).
        return verbatim.length < modelled.length ? verbatim : modelled;
    }

    /** Predictor-order byte of a block that holds its samples as they are, bit-packed at their common width. */
    private static final int VERBATIM = 3;

    private static byte[] verbatim(int[] samples, int from, int length) {
        int width = 0;
        for (int i = from; i < from + length; i++) {
            int v = samples[i];
            width = Math.max(width, v == 0 ? 0 : 33 - Integer.numberOfLeadingZeros(v < 0 ? ~v : v));
        }
        width = Math.min(width, 32);
        byte[] head = new byte[8];
        int pos = 0;
        head[pos++] = (byte) FORMAT_VERSION;
        for (int v = length; ; v >>>= 7) {
            if (v < 0x80) {
                head[pos++] = (byte) v;
                break;
            }
            head[pos++] = (byte) (v & 0x7F | 0x80);
        }
        head[pos++] = (byte) VERBATIM;
        head[pos++] = (byte) width;
        int packed = (int) (((long) width * length + 7) / 8);
        byte[] out = new byte[pos + packed + CRC_BYTES];
        System.arraycopy(head, 0, out, 0, pos);
        long bits = 0;
        int held = 0;
        int at = pos;
        long mask = width == 32 ? 0xFFFFFFFFL : (1L << width) - 1;
        for (int i = from; i < from + length; i++) {
            bits |= (samples[i] & mask) << held;
            held += width;
            while (held >= 8) {
                out[at++] = (byte) bits;
                bits >>>= 8;
                held -= 8;
            }
        }
        if (held > 0) {
            out[at++] = (byte) bits;
        }
        CRC32C crc = new CRC32C();
        crc.update(out, 0, at);
        int c = (int) crc.getValue();
        out[at] = (byte) c;
        out[at + 1] = (byte) (c >>> 8);
        out[at + 2] = (byte) (c >>> 16);
        out[at + 3] = (byte) (c >>> 24);
        return out;
    }

    private static int[] decodeVerbatim(byte[] block, int start, int end, int length) {
        if (start >= end) {
            throw new CorruptBlockException("verbatim waveform block has no sample width");
        }
        int width = block[start] & 0xFF;
        if (width > 32 || start + 1 + ((long) width * length + 7) / 8 != end) {
            throw new CorruptBlockException("verbatim waveform block of width " + width + " does not hold "
                    + length + " samples");
        }
        int[] out = new int[length];
        long bits = 0;
        int held = 0;
        int at = start + 1;
        long mask = width == 32 ? 0xFFFFFFFFL : (1L << width) - 1;
        for (int i = 0; i < length; i++) {
            while (held < width) {
                bits |= (long) (block[at++] & 0xFF) << held;
                held += 8;
            }
            long v = bits & mask;
            bits >>>= width;
            held -= width;
            // sign-extend from `width` bits
            out[i] = width == 0 ? 0 : (int) (v << (64 - width) >> (64 - width));
        }
        return out;
    }

    /**
     * The samples of a block made by {@link #encode}.
     *
     * @throws CorruptBlockException if the block is truncated, damaged or of an unknown format version
     */
    public static int[] decode(byte[] block) {
        Objects.requireNonNull(block, "block");
        Header head = header(block);
        int end = block.length - CRC_BYTES;
        CRC32C crc = new CRC32C();
        crc.update(block, 0, end);
        int stored = (block[end] & 0xFF) | (block[end + 1] & 0xFF) << 8 | (block[end + 2] & 0xFF) << 16
                | (block[end + 3] & 0xFF) << 24;
        if ((int) crc.getValue() != stored) {
            throw new CorruptBlockException("waveform block of " + block.length + " bytes fails its checksum: "
                    + "damaged or truncated");
        }
        int order = block[head.payloadStart() - 1];
        if (order == VERBATIM) {
            return decodeVerbatim(block, head.payloadStart(), end, head.samples());
        }
        if (order < 0 || order > 2) {
            throw new CorruptBlockException("waveform block names predictor order " + order
                    + " (0 to 2, or 3 for verbatim, exist)");
        }

        Decoder dec = new Decoder(block, head.payloadStart(), end);
        int length = head.samples();
        int[] out = new int[length];
        short[] tree = PRIOR.clone();
        short[] mantissa = new short[MAX_BIT_LENGTH + 1];
        Arrays.fill(mantissa, (short) PROB_HALF);
        short[] sign = {(short) PROB_HALF};
        double[] w = new double[NLMS_ORDER];
        double[] h = new double[2 * NLMS_ORDER];
        int hp = 0;
        long mean = INITIAL_MEAN;
        long x1 = 0;
        long x2 = 0;
        for (int i = 0; i < length; i++) {
            long p1 = fixedPrediction(i < order ? i : order, x1, x2);
            long p = clamp(p1 + nlmsPrediction(w, h, hp));

            int n = dec.tree(tree, context(mean) * TREE);
            long m;
            if (n < 2) {
                m = n;
            } else if (n <= MAX_BIT_LENGTH) {
                m = (2L | dec.bit(mantissa, n)) << (n - 2) | dec.direct(n - 2);
            } else {
                throw new CorruptBlockException("waveform block holds a residual of " + n + " bits at sample " + i);
            }
            long r = n > 0 && dec.bit(sign, 0) == 1 ? -m : m;
            long x = p + r;
            if (x != (int) x) {
                throw new CorruptBlockException("waveform block decodes to " + x + " at sample " + i
                        + ", outside the int range");
            }
            out[i] = (int) x;

            mean += m - (mean >> MEAN_SHIFT);
            nlmsUpdate(w, h, hp, r);
            hp = hp == 0 ? NLMS_ORDER - 1 : hp - 1;
            h[hp] = h[hp + NLMS_ORDER] = x - p1;
            x2 = x1;
            x1 = x;
        }
        return out;
    }

    /**
     * The number of samples in a block, read from its header without decoding (nor checking the checksum).
     *
     * @throws CorruptBlockException if the header is truncated, out of range or of an unknown format version
     */
    public static int sampleCount(byte[] block) {
        Objects.requireNonNull(block, "block");
        return header(block).samples();
    }

    private record Header(int samples, int payloadStart) {
    }

    private static Header header(byte[] block) {
        if (block.length < MIN_BLOCK_BYTES) {
            throw new CorruptBlockException("waveform block of " + block.length + " bytes is truncated (at least "
                    + MIN_BLOCK_BYTES + ")");
        }
        if (block[0] != FORMAT_VERSION) {
            throw new CorruptBlockException("waveform block has format version " + (block[0] & 0xFF)
                    + "; this build reads version " + FORMAT_VERSION);
        }
        int count = 0;
        int pos = 1;
        for (int shift = 0; ; shift += 7) {
            if (shift > 14 || pos >= block.length - CRC_BYTES - 1) {
                throw new CorruptBlockException("waveform block has a malformed sample count");
            }
            int b = block[pos++] & 0xFF;
            count |= (b & 0x7F) << shift;
            if (b < 0x80) {
                break;
            }
        }
        if (count < 1 || count > MAX_SAMPLES) {
            throw new CorruptBlockException("waveform block claims " + count + " samples (1 to " + MAX_SAMPLES + ")");
        }
        return new Header(count, pos + 1);
    }

    /**
     * Order 0, 1 or 2 by the sums of absolute differences: order 1 unless the signal itself is smaller than its
     * differences (noise around zero) or its second differences are less than half its first (a smooth curve).
     * The NLMS stage learns the rest, and on ECG it does best over first differences.
     */
    private static int chooseOrder(int[] x, int from, int length) {
        long s0 = Math.abs((long) x[from]);
        long s1 = 0;
        long s2 = 0;
        for (int i = from + 2; i < from + length; i++) {
            long a = x[i];
            long b = x[i - 1];
            long c = x[i - 2];
            s0 += Math.abs(a);
            s1 += Math.abs(a - b);
            s2 += Math.abs(a - 2 * b + c);
        }
        if (s0 <= s1) {
            return 0;
        }
        return 2 * s2 < s1 ? 2 : 1;
    }

    private static long fixedPrediction(int order, long x1, long x2) {
        return switch (order) {
            case 0 -> 0;
            case 1 -> x1;
            default -> 2 * x1 - x2;
        };
    }

    private static long clamp(long p) {
        return Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, p));
    }

    /** The filter's output, rounded; bounded so that a runaway filter costs bits, never an overflow. */
    private static long nlmsPrediction(double[] w, double[] h, int hp) {
        double a = w[0] * h[hp] + w[4] * h[hp + 4];
        double b = w[1] * h[hp + 1] + w[5] * h[hp + 5];
        double c = w[2] * h[hp + 2] + w[6] * h[hp + 6];
        double d = w[3] * h[hp + 3] + w[7] * h[hp + 7];
        double dot = (a + b) + (c + d);
        // NaN compares false on both sides and becomes 0 through Math.round
        return Math.round(Math.max(-1e12, Math.min(1e12, dot)));
    }

    private static void nlmsUpdate(double[] w, double[] h, int hp, long residual) {
        double energy = 1;
        for (int j = 0; j < NLMS_ORDER; j++) {
            energy += h[hp + j] * h[hp + j];
        }
        double g = NLMS_STEP * residual / energy;
        for (int j = 0; j < NLMS_ORDER; j++) {
            w[j] += g * h[hp + j];
        }
    }

    /** Half-octave buckets of the running mean of residual magnitudes. */
    private static int context(long mean) {
        if (mean <= 1) {
            return (int) Math.max(0, mean);
        }
        int lg = 63 - Long.numberOfLeadingZeros(mean);
        return Math.min(CONTEXTS - 1, 2 * lg + (int) ((mean >>> (lg - 1)) & 1));
    }

    /**
     * Starting probabilities of the bit-length tree: for each context, the bit lengths of a geometric distribution
     * with the context's mean magnitude. StrictMath, so that every platform computes the same table.
     */
    private static short[] prior() {
        short[] t = new short[CONTEXTS * TREE];
        double[] pn = new double[TREE];
        for (int c = 0; c < CONTEXTS; c++) {
            double mu = StrictMath.pow(2, c / 2.0 + 0.25 - MEAN_SHIFT);
            double theta = mu / (1 + mu);
            Arrays.fill(pn, 0);
            pn[0] = 1 - theta;
            for (int j = 1; j <= MAX_BIT_LENGTH; j++) {
                pn[j] = StrictMath.pow(theta, StrictMath.pow(2, j - 1)) - StrictMath.pow(theta, StrictMath.pow(2, j));
            }
            for (int j = 0; j < TREE; j++) {
                pn[j] = Math.max(pn[j], 1e-6);
            }
            for (int node = 1; node < TREE; node++) {
                int depth = 31 - Integer.numberOfLeadingZeros(node);
                int span = 1 << (TREE_LEVELS - depth);
                int lo = (node - (1 << depth)) * span;
                double p0 = 0;
                double p1 = 0;
                for (int j = lo; j < lo + span / 2; j++) {
                    p0 += pn[j];
                }
                for (int j = lo + span / 2; j < lo + span; j++) {
                    p1 += pn[j];
                }
                int p = (int) StrictMath.round(PROB_ONE * p0 / (p0 + p1));
                t[c * TREE + node] = (short) Math.max(31, Math.min(PROB_ONE - 31, p));
            }
        }
        return t;
    }

    /** LZMA's binary range encoder; the always-zero first byte is left out and trailing zero bytes dropped. */
    private static final class Encoder {
        private byte[] buf;
        private int pos;
        private int payloadStart;
        private long low;
        private int range = -1;
        private int cache;
        private long cacheSize = 1;
        private boolean first = true;

        Encoder(int capacity) {
            buf = new byte[capacity];
        }

        void header(int b) {
            put(b);
        }

        void startPayload() {
            payloadStart = pos;
        }

        private void put(int b) {
            if (pos == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            buf[pos++] = (byte) b;
        }

        private void shiftLow() {
            if (low < 0xFF000000L || low > 0xFFFFFFFFL) {
                int carry = (int) (low >>> 32);
                int temp = cache;
                do {
                    if (first) {
                        first = false;
                    } else {
                        put(temp + carry);
                    }
                    temp = 0xFF;
                } while (--cacheSize != 0);
                cache = (int) (low >>> 24) & 0xFF;
            }
            cacheSize++;
            low = (low & 0x00FFFFFFL) << 8;
        }

        void bit(short[] probs, int i, int bit) {
            int p = probs[i];
            int bound = (range >>> PROB_BITS) * p;
            if (bit == 0) {
                range = bound;
                probs[i] = (short) (p + ((PROB_ONE - p) >> ADAPT_SHIFT));
            } else {
                low += bound & 0xFFFFFFFFL;
                range -= bound;
                probs[i] = (short) (p - (p >> ADAPT_SHIFT));
            }
            while (Integer.compareUnsigned(range, TOP) < 0) {
                range <<= 8;
                shiftLow();
            }
        }

        void tree(short[] probs, int base, int symbol) {
            int node = 1;
            for (int b = TREE_LEVELS - 1; b >= 0; b--) {
                int bit = (symbol >>> b) & 1;
                bit(probs, base + node, bit);
                node = node << 1 | bit;
            }
        }

        /** The low {@code count} bits of {@code value}, most significant first, each at probability one half. */
        void direct(long value, int count) {
            for (int k = count - 1; k >= 0; k--) {
                range >>>= 1;
                if (((value >>> k) & 1) != 0) {
                    low += range & 0xFFFFFFFFL;
                }
                if (Integer.compareUnsigned(range, TOP) < 0) {
                    range <<= 8;
                    shiftLow();
                }
            }
        }

        byte[] finish() {
            // the value in [low, low + range) with the most trailing zero bits: the decoder reads zeros past the end
            long r = range & 0xFFFFFFFFL;
            for (int k = 32; k >= 0; k--) {
                long mask = (1L << k) - 1;
                long v = (low + mask) & ~mask;
                if (v < low + r) {
                    low = v;
                    break;
                }
            }
            for (int i = 0; i < 5; i++) {
                shiftLow();
            }
            while (pos > payloadStart && buf[pos - 1] == 0) {
                pos--;
            }
            byte[] out = Arrays.copyOf(buf, pos + CRC_BYTES);
            CRC32C crc = new CRC32C();
            crc.update(out, 0, pos);
            int c = (int) crc.getValue();
            out[pos] = (byte) c;
            out[pos + 1] = (byte) (c >>> 8);
            out[pos + 2] = (byte) (c >>> 16);
            out[pos + 3] = (byte) (c >>> 24);
            return out;
        }
    }

    /** The matching decoder; reads zeros past the end of the payload (the encoder dropped them). */
    private static final class Decoder {
        private final byte[] buf;
        private final int end;
        private int pos;
        private int range = -1;
        private int code;

        Decoder(byte[] buf, int from, int end) {
            this.buf = buf;
            this.pos = from;
            this.end = end;
            for (int i = 0; i < 4; i++) {
                code = code << 8 | next();
            }
        }

        private int next() {
            return pos < end ? buf[pos++] & 0xFF : 0;
        }

        int bit(short[] probs, int i) {
            int p = probs[i];
            int bound = (range >>> PROB_BITS) * p;
            int bit;
            if (Integer.compareUnsigned(code, bound) < 0) {
                range = bound;
                probs[i] = (short) (p + ((PROB_ONE - p) >> ADAPT_SHIFT));
                bit = 0;
            } else {
                code -= bound;
                range -= bound;
                probs[i] = (short) (p - (p >> ADAPT_SHIFT));
                bit = 1;
            }
            while (Integer.compareUnsigned(range, TOP) < 0) {
                range <<= 8;
                code = code << 8 | next();
            }
            return bit;
        }

        int tree(short[] probs, int base) {
            int node = 1;
            for (int b = 0; b < TREE_LEVELS; b++) {
                node = node << 1 | bit(probs, base + node);
            }
            return node - TREE;
        }

        long direct(int count) {
            long v = 0;
            for (int k = 0; k < count; k++) {
                range >>>= 1;
                int bit = 0;
                if (Integer.compareUnsigned(code, range) >= 0) {
                    code -= range;
                    bit = 1;
                }
                v = v << 1 | bit;
                if (Integer.compareUnsigned(range, TOP) < 0) {
                    range <<= 8;
                    code = code << 8 | next();
                }
            }
            return v;
        }
    }
}

package org.vigil.link.replay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed WFDB header ({@code .hea}) of a single-segment record: the record line ({@code name nsig [freq
 * [nsamp ...]]}) and one line per signal ({@code file format[+offset] [gain[(baseline)][/units] [resolution
 * [zero [initial [checksum [blocksize [description]]]]]]]}). Lines may end in LF or CRLF; blank lines and
 * {@code #} comments are skipped. Omitted fields take WFDB's defaults: frequency 250 Hz, gain 200 adu/mV (also
 * for a gain of 0), baseline = ADC zero, units mV. Pure; any thread.
 *
 * @param nsamp samples per signal, 0 when the header does not say (then the data file's length decides)
 */
public record WfdbHeader(String record, double frequency, long nsamp, List<Signal> signals) {

    /** Default gain (adu per physical unit) when the header gives none or 0, as in WFDB. */
    public static final double DEFAULT_GAIN = 200;

    /**
     * One signal line. {@code format} is the number alone (212, 16...); {@code byteOffset} the {@code +N} suffix.
     * Physical value = (adu - baseline) / gain.
     */
    public record Signal(String fileName, int format, int samplesPerFrame, long byteOffset, double gain, int baseline,
                         String units, int adcResolution, int adcZero, int initialValue, Integer checksum,
                         int blockSize, String description) {

        /** The wave channel's {@code scale}: 1 / gain. */
        public double scale() {
            return 1 / gain;
        }

        /** The wave channel's {@code offset}: -baseline / gain, so that physical = offset + scale * adu. */
        public double offset() {
            return baseline == 0 ? 0 : -baseline / gain;
        }
    }

    public WfdbHeader {
        signals = List.copyOf(signals);
    }

    private static final Pattern FORMAT = Pattern.compile("(\\d+)(?:x(\\d+))?(?::(-?\\d+))?(?:\\+(\\d+))?");
    private static final Pattern GAIN = Pattern.compile("([-+0-9.eE]+)(?:\\((-?\\d+)\\))?(?:/(\\S+))?");

    /** Reads and parses {@code file}; errors name the file and the line. */
    public static WfdbHeader read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses a header's text.
     *
     * @throws IllegalArgumentException naming the line, if it is not a single-segment WFDB header
     */
    public static WfdbHeader parse(String text) {
        List<String> lines = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        String[] raw = text.split("\r?\n|\r", -1);
        for (int i = 0; i < raw.length; i++) {
            String l = raw[i].strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                lines.add(l);
                numbers.add(i + 1);
            }
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("no record line");
        }
        String[] r = lines.getFirst().split("\\s+");
        try {
            if (r.length < 2) {
                throw new IllegalArgumentException("the record line needs a name and a number of signals");
            }
            if (r[0].contains("/")) {
                throw new IllegalArgumentException("multi-segment records are not supported");
            }
            int nsig = Integer.parseInt(r[1]);
            double freq = r.length > 2 ? Double.parseDouble(r[2].split("[/(]")[0]) : 250;
            long nsamp = r.length > 3 ? Long.parseLong(r[3]) : 0;
            if (nsig < 1 || !(freq > 0) || nsamp < 0) {
                throw new IllegalArgumentException("bad number of signals, frequency or samples");
            }
            if (lines.size() - 1 < nsig) {
                throw new IllegalArgumentException(nsig + " signals announced, " + (lines.size() - 1) + " signal lines");
            }
            List<Signal> signals = new ArrayList<>(nsig);
            for (int s = 1; s <= nsig; s++) {
                try {
                    signals.add(signal(lines.get(s)));
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("line " + numbers.get(s) + ": " + message(e), e);
                }
            }
            return new WfdbHeader(r[0], freq, nsamp, signals);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("line " + numbers.getFirst() + ": " + message(e), e);
        }
    }

    private static Signal signal(String line) {
        String[] f = line.split("\\s+", 9);
        if (f.length < 2) {
            throw new IllegalArgumentException("a signal line needs a file name and a format");
        }
        Matcher fm = FORMAT.matcher(f[1]);
        if (!fm.matches()) {
            throw new IllegalArgumentException("format '" + f[1] + "' is not understood");
        }
        int format = Integer.parseInt(fm.group(1));
        int spf = fm.group(2) == null ? 1 : Integer.parseInt(fm.group(2));
        long byteOffset = fm.group(4) == null ? 0 : Long.parseLong(fm.group(4));
        double gain = DEFAULT_GAIN;
        Integer baseline = null;
        String units = "mV";
        if (f.length > 2) {
            Matcher gm = GAIN.matcher(f[2]);
            if (!gm.matches()) {
                throw new IllegalArgumentException("gain '" + f[2] + "' is not understood");
            }
            double g = Double.parseDouble(gm.group(1));
            gain = g == 0 ? DEFAULT_GAIN : g;
            baseline = gm.group(2) == null ? null : Integer.valueOf(gm.group(2));
            units = gm.group(3) == null ? units : gm.group(3);
        }
        int resolution = f.length > 3 ? Integer.parseInt(f[3]) : 0;
        int zero = f.length > 4 ? Integer.parseInt(f[4]) : 0;
        int initial = f.length > 5 ? Integer.parseInt(f[5]) : zero;
        Integer checksum = f.length > 6 ? Integer.valueOf(f[6]) : null;
        int blockSize = f.length > 7 ? Integer.parseInt(f[7]) : 0;
        String description = f.length > 8 ? f[8].strip() : "";
        return new Signal(f[0], format, spf, byteOffset, gain, baseline == null ? zero : baseline, units,
                resolution, zero, initial, checksum, blockSize, description);
    }

    private static String message(RuntimeException e) {
        return e instanceof NumberFormatException ? "not a number (" + e.getMessage() + ")" : e.getMessage();
    }
}

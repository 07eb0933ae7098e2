package org.vigil.link.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reader of the BIDMC PPG and Respiration dataset's CSV release: {@code bidmc_NN_Signals.csv} ({@code Time [s],
 * RESP, PLETH, II, ...} at 125 Hz, normalised values; the column order differs between records, so columns are
 * found by the header) and {@code bidmc_NN_Numerics.csv} ({@code Time [s], HR, PULSE, RESP, SpO2} at 1 Hz;
 * {@code NaN} or empty where the monitor had no value). Pure; any thread.
 */
public final class BidmcCsv {

    private static final int MAX_DECIMALS = 9;
    private static final double MAX_SAMPLE = 1e9;

    /**
     * One signal column as integer samples: value = {@code scale * samples[i]}. The scale is {@code 10^-d} with
     * {@code d} the most decimals any value of the column has (fewer only if the samples would exceed 10^9), so
     * the CSV's values are kept exactly. A missing or NaN value repeats the previous one (0 at the start).
     */
    public record Column(String name, double scale, int[] samples) {
    }

    /** The signals: sampling rate (from the time column) and the columns after the time, in file order. */
    public record Signals(double rate, List<Column> columns) {
        public Signals {
            columns = List.copyOf(columns);
        }

        /** The column with this header name (case-insensitive), or null. */
        public Column column(String name) {
            return columns.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst().orElse(null);
        }
    }

    /** One numerics row: its time in seconds and each column's value by header name, null when NaN or empty. */
    public record NumericsRow(double time, Map<String, Double> values) {
    }

    private BidmcCsv() {
    }

    /** Reads a {@code _Signals.csv}; errors name the file and line. */
    public static Signals readSignals(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        String[] header = read(file, rows);
        if (rows.size() < 2) {
            throw new IOException(file + ": fewer than 2 rows of samples");
        }
        int n = rows.size();
        double t0 = number(file, rows.getFirst()[0], 2);
        double t1 = number(file, rows.getLast()[0], n + 1);
        double rate = Math.round((n - 1) / (t1 - t0) * 1000) / 1000.0;
        if (!(rate >= 1 && rate <= 2000)) {
            throw new IOException(file + ": the time column gives " + rate + " samples/s, outside 1 to 2000");
        }
        List<Column> columns = new ArrayList<>(header.length - 1);
        for (int c = 1; c < header.length; c++) {
            double[] v = new double[n];
            int decimals = 0;
            double max = 0;
            double last = 0;
            for (int i = 0; i < n; i++) {
                String s = rows.get(i)[c];
                double x = s.isEmpty() ? Double.NaN : number(file, s, i + 2);
                if (Double.isNaN(x)) {
                    x = last;
                } else {
                    decimals = Math.max(decimals, decimals(s));
                }
                v[i] = last = x;
                max = Math.max(max, Math.abs(x));
            }
            int d = Math.min(decimals, MAX_DECIMALS);
            while (d > 0 && max * Math.pow(10, d) > MAX_SAMPLE) {
                d--;
            }
            double factor = Math.pow(10, d);
            if (max * factor > MAX_SAMPLE) {
                throw new IOException(file + ": column " + header[c] + " has values too large (" + max + ")");
            }
            int[] samples = new int[n];
            for (int i = 0; i < n; i++) {
                samples[i] = (int) Math.round(v[i] * factor);
            }
            columns.add(new Column(header[c], 1 / factor, samples));
        }
        return new Signals(rate, columns);
    }

    /** Reads a {@code _Numerics.csv}; errors name the file and line. */
    public static List<NumericsRow> readNumerics(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        String[] header = read(file, rows);
        List<NumericsRow> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            Map<String, Double> values = new LinkedHashMap<>();
            for (int c = 1; c < header.length; c++) {
                double x = r[c].isEmpty() ? Double.NaN : number(file, r[c], i + 2);
                values.put(header[c], Double.isNaN(x) ? null : x);
            }
            out.add(new NumericsRow(number(file, r[0], i + 2), Collections.unmodifiableMap(values)));
        }
        return out;
    }

    /** Reads the header (names trimmed) and the rows, each with as many fields as the header. */
    private static String[] read(Path file, List<String[]> rows) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = in.readLine();
            if (line == null) {
                throw new IOException(file + ": empty");
            }
            String[] header = Arrays.stream(line.split(",", -1)).map(String::strip).toArray(String[]::new);
            if (header.length < 2) {
                throw new IOException(file + ": the header names no column after the time");
            }
            int no = 1;
            while ((line = in.readLine()) != null) {
                no++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != header.length) {
                    throw new IOException(file + ": line " + no + " has " + f.length + " fields, the header " + header.length);
                }
                for (int i = 0; i < f.length; i++) {
                    f[i] = f[i].strip();
                }
                rows.add(f);
            }
            return header;
        }
    }

    private static double number(Path file, String s, int line) throws IOException {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IOException(file + ": line " + line + ": '" + s + "' is not a number", e);
        }
    }

    /** Decimals after the point, exponent taken into account. */
    static int decimals(String s) {
        if (s.indexOf('e') >= 0 || s.indexOf('E') >= 0) {
            return Math.max(0, new BigDecimal(s).stripTrailingZeros().scale());
        }
        int dot = s.indexOf('.');
        return dot < 0 ? 0 : s.length() - dot - 1;
    }
}

package org.vigil.bench;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.vigil.data.recording.codec.WaveformCodec;
import org.vigil.link.replay.WfdbHeader;
import org.vigil.link.replay.WfdbSignals;

/**
 * Full disclosure's lossless codec on MIT-BIH: bits per sample of {@link WaveformCodec} in blocks of 10 s and 1 s,
 * against gzip -9, xz -9e and FLAC -8 run in the same run on exactly the same samples (each channel of each record
 * as one 16-bit little-endian mono file), overall (total compressed bits over total samples) and per record; then
 * encoding and decoding speed on one thread. Every block is also decoded and checked bit-exact.
 */
final class WaveformCodecBenchmark implements Benchmark {

    static final double BAR_BITS = 4.9;          // FLAC -8 on MIT-BIH, as issue 5 quotes it
    static final double STRETCH_BITS = 4.5;
    static final double TARGET_ENCODE_MSPS = 10;

    private static final String[] CODERS = {"ours10s", "ours1s", "flac", "xz", "gzip"};

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private volatile long sink;

    @Override
    public String name() {
        return "waveform-codec";
    }

    @Override
    public String description() {
        return "Lossless full-disclosure codec (WaveformCodec) on every MIT-BIH record in ../shared/data/mitdb, blocks "
                + "of 10 s and 1 s, against gzip -9, xz -9e and flac -8 on the same samples (16-bit mono per channel); "
                + "encode and decode speed on one thread";
    }

    @Override
    public Map<String, Object> run(RunOptions o) throws Exception {
        Path mitdb = sharedData().resolve("mitdb");
        if (!Files.isDirectory(mitdb)) {
            return Benchmark.skipped("no MIT-BIH recordings at " + mitdb + " (set -Dvigil.shared.data=DIR)");
        }
        List<Path> headers;
        try (Stream<Path> files = Files.list(mitdb)) {
            headers = files.filter(p -> p.getFileName().toString().endsWith(".hea")).sorted().toList();
        }
        if (o.quick()) {
            headers = headers.subList(0, Math.min(3, headers.size()));
        }

        String gzip = onPath("gzip");
        String xz = onPath("xz");
        String flac = onPath("flac");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("method", "each channel of each record as one 16-bit little-endian mono stream: the reference coders "
                + "compress it whole (their best case: one stream of 30 min), ours in independent blocks of 10 s "
                + "(3600 samples) and of 1 s (360), each a self-contained block with its header and CRC; bits/sample "
                + "= total compressed bits / total samples; every block of ours decoded and compared bit-exact");
        Map<String, Object> tools = new LinkedHashMap<>();
        tools.put("gzip", gzip != null ? "gzip -9 -c (" + version(gzip, "--version") + ")"
                : "java.util.zip GZIPOutputStream at level 9 (no gzip command)");
        tools.put("xz", xz != null ? "xz -9e -T1 -c (" + version(xz, "--version") + ")" : "SKIPPED: no xz command (apt-get install xz-utils)");
        tools.put("flac", flac != null ? "flac -8 --force-raw-format --endian=little --sign=signed --channels=1 --bps=16 "
                + "--sample-rate=<record's> (" + version(flac, "--version") + "), whole output file incl. its metadata "
                + "(STREAMINFO, seek table, and padding: 8 KiB, or 64 KiB for input over 20 minutes)" : "SKIPPED: no flac command (apt-get install flac)");
        out.put("tools", tools);

        long[] bytes = new long[CODERS.length];
        long samples = 0;
        long flacPadding = 0;
        List<int[]> channels = new ArrayList<>();
        Map<String, Object> perRecord = new LinkedHashMap<>();
        Path tmp = Files.createTempDirectory("vigil-bench-codec");
        try {
            for (Path hea : headers) {
                WfdbHeader header = WfdbHeader.read(hea);
                int[][] signals = WfdbSignals.read(mitdb, header);
                int rate = (int) Math.round(header.frequency());
                long[] recordBytes = new long[CODERS.length];
                long recordSamples = 0;
                for (int[] x : signals) {
                    channels.add(x);
                    recordBytes[0] += ours(x, 10 * rate);
                    recordBytes[1] += ours(x, rate);
                    Path raw = tmp.resolve("channel.raw");
                    Files.write(raw, littleEndian16(x, header.record()));
                    if (flac != null) {
                        Path f = tmp.resolve("channel.flac");
                        run(List.of(flac, "-8", "--silent", "--force", "--force-raw-format", "--endian=little",
                                "--sign=signed", "--channels=1", "--bps=16", "--sample-rate=" + rate, "-o", f.toString(),
                                raw.toString()), null, null);
                        recordBytes[2] += Files.size(f);
                        run(List.of(flac, "-8", "--silent", "--force", "--no-padding", "--no-seektable",
                                "--force-raw-format", "--endian=little", "--sign=signed", "--channels=1", "--bps=16",
                                "--sample-rate=" + rate, "-o", f.toString(), raw.toString()), null, null);
                        flacPadding += Files.size(f);
                    }
                    if (xz != null) {
                        recordBytes[3] += run(List.of(xz, "-9e", "-T1", "-c"), raw, tmp.resolve("channel.xz"));
                    }
                    recordBytes[4] += gzip != null ? run(List.of(gzip, "-9", "-c"), raw, tmp.resolve("channel.gz"))
                            : javaGzip(Files.readAllBytes(raw));
                    recordSamples += x.length;
                }
                StringBuilder row = new StringBuilder();
                for (int c = 0; c < CODERS.length; c++) {
                    bytes[c] += recordBytes[c];
                    row.append(c == 0 ? "" : " / ").append(present(c, flac, xz) ? bits(recordBytes[c], recordSamples) : "-");
                }
                samples += recordSamples;
                perRecord.put(header.record(), row.toString());
            }
        } finally {
            try (Stream<Path> left = Files.list(tmp)) {
                for (Path p : left.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(tmp);
        }

        Map<String, Object> overall = new LinkedHashMap<>();
        overall.put("records", headers.size());
        overall.put("channels", channels.size());
        overall.put("samples", samples);
        overall.put("ours10sBlocks", bits(bytes[0], samples));
        overall.put("ours1sBlocks", bits(bytes[1], samples));
        overall.put("flac8", flac != null ? bits(bytes[2], samples) : "skipped: no flac command");
        if (flac != null) {
            overall.put("flac8NoPaddingNoSeektable", bits(flacPadding, samples));
        }
        overall.put("xz9e", xz != null ? bits(bytes[3], samples) : "skipped: no xz command");
        overall.put("gzip9", bits(bytes[4], samples));
        overall.put("ours10sBytes", bytes[0]);
        overall.put("ours1sBytes", bytes[1]);
        overall.put("rawBytesAt16Bits", samples * 2);
        double ours10 = 8.0 * bytes[0] / samples;
        double ours1 = 8.0 * bytes[1] / samples;
        double flacBits = 8.0 * bytes[2] / samples;
        overall.put("target", "fewer bits/sample than flac -8 in this run (issue 5 quotes about " + BAR_BITS
                + "); stretch: at most " + STRETCH_BITS + " bits/sample");
        overall.put("meetsTarget10s", flac != null ? ours10 < flacBits : ours10 < BAR_BITS);
        overall.put("meetsTarget1s", flac != null ? ours1 < flacBits : ours1 < BAR_BITS);
        overall.put("meetsStretch10s", ours10 <= STRETCH_BITS);
        overall.put("meetsStretch1s", ours1 <= STRETCH_BITS);
        out.put("bitsPerSample", overall);
        out.put("perRecordColumns", "bits/sample: ours 10 s blocks / ours 1 s blocks / flac -8 / xz -9e / gzip -9");
        out.put("perRecord", perRecord);

        Map<String, Object> speed = new LinkedHashMap<>();
        speed.put("method", "one thread; per block size: warm-up of at least " + o.seconds(3, 1) + " s, then "
                + o.count(8, 3) + " timed iterations of about " + o.seconds(1, 0.5) + " s over the channels' blocks "
                + "in turn; median, min and max of the per-iteration rates in million samples per second of the "
                + "thread's CPU time (perCpuSecond: what one core does, whatever else runs on the machine) and per "
                + "second of wall time (perWallSecond: lower when other processes take the cores)");
        speed.put("encode10sBlocks", throughput(channels, 3600, true, o));
        speed.put("decode10sBlocks", throughput(channels, 3600, false, o));
        speed.put("encode1sBlocks", throughput(channels, 360, true, o));
        speed.put("decode1sBlocks", throughput(channels, 360, false, o));
        @SuppressWarnings("unchecked")
        double encodeMedian = ((Number) ((Map<String, Object>) ((Map<String, Object>) speed.get("encode10sBlocks"))
                .get("perCpuSecond")).get("median")).doubleValue();
        speed.put("target", ">= " + (int) TARGET_ENCODE_MSPS + " million samples/s encoding on one core (10 s blocks, "
                + "per CPU second)");
        speed.put("meetsTarget", encodeMedian >= TARGET_ENCODE_MSPS);
        out.put("speed", speed);
        return out;
    }

    private static boolean present(int coder, String flac, String xz) {
        return !(coder == 2 && flac == null) && !(coder == 3 && xz == null);
    }

    /** Encodes {@code x} in blocks of {@code block}, checks each decodes bit-exact, returns the bytes. */
    private static long ours(int[] x, int block) {
        long total = 0;
        for (int from = 0; from < x.length; from += block) {
            int length = Math.min(block, x.length - from);
            byte[] b = WaveformCodec.encode(x, from, length);
            if (!Arrays.equals(WaveformCodec.decode(b), 0, length, x, from, from + length)) {
                throw new IllegalStateException("block at sample " + from + " does not decode bit-exact");
            }
            total += b.length;
        }
        return total;
    }

    /** Median, min and max of million samples/s encoding (or decoding) blocks of {@code block} samples. */
    private Map<String, Object> throughput(List<int[]> channels, int block, boolean encode, RunOptions o) {
        // the blocks to decode, made once: 10 s of each channel at a spread of places (a few MB, not the whole set)
        List<byte[]> encoded = new ArrayList<>();
        List<int[]> slices = new ArrayList<>();
        for (int[] x : channels) {
            for (int from = 0; from + block <= x.length; from += x.length / 8) {
                for (int k = 0; k < 3600 / block; k++) {
                    slices.add(Arrays.copyOfRange(x, from + k * block, from + (k + 1) * block));
                }
            }
        }
        if (!encode) {
            for (int[] s : slices) {
                encoded.add(WaveformCodec.encode(s));
            }
        }
        int[] cursor = {0};
        double warm = 0;
        while (warm < o.seconds(3, 1)) {
            warm += pass(slices, encoded, encode, cursor, o.seconds(0.5, 0.25))[1];
        }
        double[] cpuRates = new double[o.count(8, 3)];
        double[] wallRates = new double[cpuRates.length];
        for (int i = 0; i < cpuRates.length; i++) {
            double[] r = pass(slices, encoded, encode, cursor, o.seconds(1, 0.5));
            wallRates[i] = r[0] / r[1] / 1e6;
            cpuRates[i] = r[0] / r[2] / 1e6;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("perCpuSecond", medianMinMax(cpuRates));
        m.put("perWallSecond", medianMinMax(wallRates));
        return m;
    }

    private static Map<String, Object> medianMinMax(double[] rates) {
        double[] s = rates.clone();
        Arrays.sort(s);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("median", Stats.round(s[s.length / 2], 2));
        m.put("min", Stats.round(s[0], 2));
        m.put("max", Stats.round(s[s.length - 1], 2));
        return m;
    }

    /** Codes blocks in turn for about {@code seconds} of wall time; returns {samples, wall s, thread CPU s}. */
    private double[] pass(List<int[]> slices, List<byte[]> encoded, boolean encode, int[] cursor, double seconds) {
        long n = 0;
        long spent = 0;
        long acc = 0;
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        while (spent < seconds * 1e9) {
            long t0 = System.nanoTime();
            for (int k = 0; k < 64; k++) {
                int i = cursor[0]++ % slices.size();
                if (encode) {
                    int[] s = slices.get(i);
                    acc += WaveformCodec.encode(s).length;
                    n += s.length;
                } else {
                    int[] s = WaveformCodec.decode(encoded.get(i));
                    acc += s[s.length - 1];
                    n += s.length;
                }
            }
            spent += System.nanoTime() - t0;
        }
        long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
        sink += acc;
        return new double[] {n, spent / 1e9, cpu / 1e9};
    }

    private static String bits(long bytes, long samples) {
        return String.format(Locale.ROOT, "%.3f", 8.0 * bytes / samples);
    }

    private static byte[] littleEndian16(int[] x, String record) {
        byte[] b = new byte[2 * x.length];
        for (int i = 0; i < x.length; i++) {
            if (x[i] != (short) x[i]) {
                throw new IllegalStateException(record + ": sample " + i + " does not fit 16 bits");
            }
            b[2 * i] = (byte) x[i];
            b[2 * i + 1] = (byte) (x[i] >> 8);
        }
        return b;
    }

    /** Runs a command (stdin from {@code in}, stdout to {@code out} when given); returns the size of {@code out}. */
    private static long run(List<String> command, Path in, Path out) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE);
        if (in != null) {
            pb.redirectInput(in.toFile());
        }
        if (out != null) {
            pb.redirectOutput(out.toFile());
        } else {
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes());
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + err.strip());
        }
        return out != null ? Files.size(out) : 0;
    }

    private static long javaGzip(byte[] raw) throws IOException {
        long[] count = {0};
        OutputStream counting = new OutputStream() {
            @Override
            public void write(int b) {
                count[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                count[0] += len;
            }
        };
        try (GZIPOutputStream z = new GZIPOutputStream(counting) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            z.write(raw);
        }
        return count[0];
    }

    private static String version(String command, String flag) {
        try {
            Process p = new ProcessBuilder(command, flag).redirectErrorStream(true).start();
            String first = new String(p.getInputStream().readAllBytes()).lines().findFirst().orElse("").strip();
            p.waitFor(10, TimeUnit.SECONDS);
            return first;
        } catch (IOException e) {
            return "version unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "version unknown";
        }
    }

    /** The full path of {@code name} on PATH, or null. */
    private static String onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return p.toString();
            }
        }
        return null;
    }

    /** The shared recordings: {@code -Dvigil.shared.data}, else {@code ../shared/data} beside the repository. */
    private static Path sharedData() {
        String configured = System.getProperty("vigil.shared.data");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path root = Main.repoRoot();
        return (root != null ? root : Path.of("").toAbsolutePath()).resolve("../shared/data").normalize();
    }
}

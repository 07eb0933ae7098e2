package org.vigil.link.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.vigil.data.model.MeasurementCode;
import org.vigil.link.wire.WardTopic;

/**
 * A real recording loaded into memory, ready to be replayed as one bed: its wave channels (integer samples
 * with the wire's {@code scale}/{@code offset}, all at one rate), the numerics a monitor would have published
 * once a second, and the arrhythmia episodes it would have raised. Frames (sample indices) are the time base.
 *
 * <ul>
 *   <li><b>WFDB</b> ({@code .hea} + {@code .dat}, optional {@code .atr}; MIT-BIH, VFDB): every signal at its
 *       native rate, physical = (adu - baseline) / gain. ECG leads by description: {@code MLII}/{@code II} lead
 *       II, {@code I}, {@code III}, {@code aVR}/{@code aVL}/{@code aVF}, {@code V1}..{@code V6} and {@code MCL}
 *       {@code MDC_ECG_ELEC_POTL_V} (a second V lead its own {@code _V}n); an unnamed lead (VFDB's "ECG") is
 *       shown as lead II if no signal is II, else {@code MDC_ECG_ELEC_POTL} (lead unspecified). With beat
 *       annotations, HR each second = 60 / mean of the last 8 RR intervals of the beats before that second
 *       ({@code null}, {@code invalid: "learning"} until 8 intervals are known); without (VFDB), HR is
 *       {@code null} with {@code invalid: "not-measured"}. Rhythm annotations {@code (VF}/{@code (VFIB},
 *       {@code (VFL}, {@code (VT}, {@code (ASYS} become VFIB, VFLUTTER, VTACH, ASYSTOLE episodes lasting to the
 *       next rhythm annotation (or the end).</li>
 *   <li><b>BIDMC CSV</b> ({@code bidmc_NN_Signals.csv} + {@code _Numerics.csv}): lead II (else the first other
 *       lead), PLETH and RESP (as {@code MDC_IMPED_TTHOR}), unit {@code 1} (the dataset's values are
 *       normalised); numerics HR, PULSE, RESP, SpO2 at their rows' times, NaN as {@code null} with
 *       {@code invalid: "not-measured"}. Other columns are not replayed.</li>
 * </ul>
 *
 * Immutable once loaded (the sample arrays must not be changed); any thread. {@link #load} does the file I/O on
 * the caller's thread.
 */
public final class Recording {

    /** HR averaging, in RR intervals, as a monitor's. */
    public static final int HR_INTERVALS = 8;
    public static final String LEARNING = "learning";
    public static final String NOT_MEASURED = "not-measured";
    static final String ECG_UNSPECIFIED = "MDC_ECG_ELEC_POTL";

    /** One wave channel: physical value of {@code samples[i]} = {@code offset + scale * samples[i]}. */
    public record Channel(String code, String unit, double scale, double offset, int[] samples) {
    }

    /** One value of a numerics row; {@code value} null with the {@code invalid} reason. */
    public record Reading(String code, Double value, String unit, String invalid) {
    }

    /** The numerics of the moment {@code frame} (sample index from the recording's start). */
    public record NumericsRow(long frame, List<Reading> values) {
        public NumericsRow {
            values = List.copyOf(values);
        }
    }

    /** An arrhythmia episode from {@code startFrame} (its onset) to {@code endFrame} (exclusive of it). */
    public record Episode(long startFrame, long endFrame, String condition, String text) {
    }

    private final Path source;
    private final String name;
    private final double rate;
    private final int frames;
    private final List<Channel> channels;
    private final List<NumericsRow> numerics;
    private final List<Episode> episodes;

    /**
     * @param name the bed id (must match {@code [A-Za-z0-9_-]{1,64}})
     * @throws IllegalArgumentException if the channels are not all {@code frames} long or the rate is outside
     *     1 to 2000
     */
    public Recording(Path source, String name, double rate, int frames, List<Channel> channels,
                     List<NumericsRow> numerics, List<Episode> episodes) {
        this.source = Objects.requireNonNull(source, "source");
        this.name = WardTopic.requireId("recording name", name);
        if (!(rate >= 1 && rate <= 2000)) {
            throw new IllegalArgumentException("rate " + rate + " must be 1 to 2000 samples/s");
        }
        if (frames < 1 || channels.isEmpty() || channels.stream().anyMatch(c -> c.samples().length != frames)) {
            throw new IllegalArgumentException(source + ": needs at least one channel, all " + frames + " samples long");
        }
        this.rate = rate;
        this.frames = frames;
        this.channels = List.copyOf(channels);
        this.numerics = List.copyOf(numerics);
        this.episodes = List.copyOf(episodes);
    }

    /** The path it was loaded from (the record path, without extension). */
    public Path source() {
        return source;
    }

    /** The bed id: {@code {folder}-{record}} for WFDB ({@code mitdb-101}), {@code bidmc-NN} for BIDMC. */
    public String name() {
        return name;
    }

    /** The replaying device's id: {@code replay-{name}}. */
    public String deviceId() {
        return "replay-" + name;
    }

    /** Samples per second of every channel. */
    public double rate() {
        return rate;
    }

    /** Samples per channel. */
    public int frames() {
        return frames;
    }

    public List<Channel> channels() {
        return channels;
    }

    /** The numerics rows by frame. */
    public List<NumericsRow> numerics() {
        return numerics;
    }

    /** The arrhythmia episodes by onset, not overlapping. */
    public List<Episode> episodes() {
        return episodes;
    }

    public Duration duration() {
        return Duration.ofNanos(Math.round(frames / rate * 1e9));
    }

    // ------------------------------------------------------------------------------------------------ loading

    /**
     * Loads the recording at {@code path}: a WFDB record path without extension ({@code .../mitdb/101}) or its
     * {@code .hea}; a BIDMC record path ({@code .../bidmc/bidmc_01}) or one of its {@code .csv} files.
     *
     * @throws IOException naming the file that is missing or unreadable
     */
    public static Recording load(Path path) throws IOException {
        String file = path.getFileName() == null ? "" : path.getFileName().toString();
        Path dir = path.toAbsolutePath().getParent();
        String lower = file.toLowerCase(Locale.ROOT);
        for (String ext : List.of(".hea", ".dat", ".atr")) {
            if (lower.endsWith(ext)) {
                return loadWfdb(dir, file.substring(0, file.length() - ext.length()));
            }
        }
        if (lower.endsWith(".csv")) {
            int cut = file.lastIndexOf('_');
            if (cut <= 0) {
                throw new IOException(path + ": not a BIDMC file (bidmc_NN_Signals.csv)");
            }
            return loadBidmc(dir, file.substring(0, cut));
        }
        if (Files.exists(dir.resolve(file + ".hea"))) {
            return loadWfdb(dir, file);
        }
        if (Files.exists(dir.resolve(file + "_Signals.csv"))) {
            return loadBidmc(dir, file);
        }
        throw new NoSuchFileException(path + ".hea", null, "no such recording (neither " + file + ".hea nor "
                + file + "_Signals.csv)");
    }

    private static Recording loadWfdb(Path dir, String record) throws IOException {
        WfdbHeader header = WfdbHeader.read(dir.resolve(record + ".hea"));
        int[][] data = WfdbSignals.read(dir, header);
        int frames = data[0].length;
        if (frames < 1) {
            throw new IOException(dir.resolve(record + ".dat") + ": holds no samples");
        }
        List<String> codes = channelCodes(header.signals().stream().map(WfdbHeader.Signal::description).toList());
        List<Channel> channels = new ArrayList<>();
        for (int s = 0; s < data.length; s++) {
            WfdbHeader.Signal sig = header.signals().get(s);
            channels.add(new Channel(codes.get(s), sig.units(), sig.scale(), sig.offset(), data[s]));
        }
        Path atr = dir.resolve(record + ".atr");
        List<MitAnnotations.Annotation> annotations = Files.exists(atr) ? MitAnnotations.read(atr) : List.of();
        double rate = header.frequency();
        String name = id(folder(dir) + "-" + record);
        return new Recording(dir.resolve(record), name, rate, frames, channels,
                heartRates(annotations, rate, frames), episodes(annotations, frames));
    }

    private static Recording loadBidmc(Path dir, String prefix) throws IOException {
        BidmcCsv.Signals signals = BidmcCsv.readSignals(dir.resolve(prefix + "_Signals.csv"));
        List<Channel> channels = new ArrayList<>();
        BidmcCsv.Column ecg = signals.column("II");
        if (ecg == null) {
            ecg = signals.columns().stream().filter(c -> LEADS.containsKey(lead(c.name()))).findFirst().orElse(null);
        }
        if (ecg != null) {
            channels.add(new Channel(LEADS.get(lead(ecg.name())), "1", ecg.scale(), 0, ecg.samples()));
        }
        for (var e : Map.of("PLETH", MeasurementCode.PLETH, "RESP", MeasurementCode.RESP_WAVE).entrySet()) {
            BidmcCsv.Column c = signals.column(e.getKey());
            if (c != null) {
                channels.add(new Channel(e.getValue(), "1", c.scale(), 0, c.samples()));
            }
        }
        if (channels.isEmpty()) {
            throw new IOException(dir.resolve(prefix + "_Signals.csv") + ": no ECG, PLETH or RESP column");
        }
        channels.sort(Comparator.comparing(c -> order(c.code())));
        int frames = channels.getFirst().samples().length;
        Path numericsFile = dir.resolve(prefix + "_Numerics.csv");
        List<NumericsRow> rows = new ArrayList<>();
        if (Files.exists(numericsFile)) {
            for (BidmcCsv.NumericsRow r : BidmcCsv.readNumerics(numericsFile)) {
                List<Reading> values = new ArrayList<>();
                for (var v : r.values().entrySet()) {
                    String[] codeUnit = BIDMC_NUMERICS.get(v.getKey().toUpperCase(Locale.ROOT));
                    if (codeUnit != null) {
                        values.add(new Reading(codeUnit[0], v.getValue(), codeUnit[1],
                                v.getValue() == null ? NOT_MEASURED : null));
                    }
                }
                long frame = Math.round(r.time() * signals.rate());
                if (frame >= 0 && frame <= frames) {
                    rows.add(new NumericsRow(frame, values));
                }
            }
        }
        return new Recording(dir.resolve(prefix), id(prefix.replace('_', '-')), signals.rate(), frames, channels,
                rows, List.of());
    }

    private static final Map<String, String[]> BIDMC_NUMERICS = Map.of(
            "HR", new String[] {MeasurementCode.HEART_RATE, "/min"},
            "PULSE", new String[] {MeasurementCode.PULSE_RATE, "/min"},
            "RESP", new String[] {MeasurementCode.RESP_RATE, "/min"},
            "SPO2", new String[] {MeasurementCode.SPO2, "%"});

    private static int order(String code) {
        return code.startsWith(ECG_UNSPECIFIED) ? 0 : code.equals(MeasurementCode.PLETH) ? 1 : 2;
    }

    // ------------------------------------------------------------------------------------------ channel codes

    private static final Map<String, String> LEADS = Map.ofEntries(
            Map.entry("I", "MDC_ECG_ELEC_POTL_I"), Map.entry("II", MeasurementCode.ECG_II),
            Map.entry("III", "MDC_ECG_ELEC_POTL_III"), Map.entry("AVR", "MDC_ECG_ELEC_POTL_AVR"),
            Map.entry("AVL", "MDC_ECG_ELEC_POTL_AVL"), Map.entry("AVF", "MDC_ECG_ELEC_POTL_AVF"),
            Map.entry("V", "MDC_ECG_ELEC_POTL_V"), Map.entry("MCL", "MDC_ECG_ELEC_POTL_V"));

    /** A signal description reduced to a lead name: {@code MLII} -> II, {@code V5} -> V, {@code MCL1} -> MCL. */
    static String lead(String description) {
        String d = description.toUpperCase(Locale.ROOT).replace("ECG", "").replace("LEAD", "").strip();
        if (d.startsWith("ML") && LEADS.containsKey(d.substring(2))) {
            d = d.substring(2);
        }
        return d.replaceFirst("^(V|MCL)[1-6]$", "$1");
    }

    private static final Map<String, String> OTHER_SIGNALS = Map.of(
            "ABP", "MDC_PRESS_BLD_ART_ABP", "ART", "MDC_PRESS_BLD_ART_ABP", "PLETH", MeasurementCode.PLETH,
            "PPG", MeasurementCode.PLETH, "RESP", MeasurementCode.RESP_WAVE);

    /**
     * The channel codes of WFDB signals by their descriptions, unique within the record: ECG leads (see the
     * class), and ABP/ART, PLETH/PPG, RESP as their wave codes.
     */
    static List<String> channelCodes(List<String> descriptions) {
        List<String> named = descriptions.stream().map(d -> OTHER_SIGNALS.getOrDefault(
                d.strip().toUpperCase(Locale.ROOT), LEADS.get(lead(d)))).toList();
        Set<String> used = new HashSet<>();
        boolean iiNamed = named.contains(MeasurementCode.ECG_II);
        List<String> out = new ArrayList<>();
        for (int s = 0; s < descriptions.size(); s++) {
            String code = named.get(s);
            if (code == null) {
                code = !iiNamed && !used.contains(MeasurementCode.ECG_II) ? MeasurementCode.ECG_II : ECG_UNSPECIFIED;
            }
            if (used.contains(code)) {
                String digit = descriptions.get(s).replaceAll("\\D", "");
                code = code.endsWith("_V") && !digit.isEmpty() && !used.contains(code + digit) ? code + digit
                        : code + "_" + (s + 1);
            }
            used.add(code);
            out.add(code);
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------- annotations

    /**
     * The HR numerics at every whole second {@code k} (frame {@code floor(k * rate)}) from 0 to the end: from the
     * beats before that frame, 60 / mean of the last {@value #HR_INTERVALS} RR intervals, rounded; null with
     * {@code learning} before 8 intervals are known; null with {@code not-measured} throughout when there are
     * no beat annotations.
     */
    static List<NumericsRow> heartRates(List<MitAnnotations.Annotation> annotations, double rate, int frames) {
        long[] beats = annotations.stream().filter(MitAnnotations.Annotation::isBeat)
                .mapToLong(MitAnnotations.Annotation::sample).sorted().toArray();
        List<NumericsRow> rows = new ArrayList<>();
        int j = 0; // beats before the frame
        for (long k = 0; ; k++) {
            long frame = (long) Math.floor(k * rate);
            if (frame > frames) {
                break;
            }
            while (j < beats.length && beats[j] < frame) {
                j++;
            }
            Reading hr;
            if (beats.length == 0) {
                hr = new Reading(MeasurementCode.HEART_RATE, null, "/min", NOT_MEASURED);
            } else if (j <= HR_INTERVALS) {
                hr = new Reading(MeasurementCode.HEART_RATE, null, "/min", LEARNING);
            } else {
                double meanRr = (beats[j - 1] - beats[j - 1 - HR_INTERVALS]) / rate / HR_INTERVALS;
                hr = new Reading(MeasurementCode.HEART_RATE, (double) Math.round(60 / meanRr), "/min", null);
            }
            rows.add(new NumericsRow(frame, List.of(hr)));
        }
        return rows;
    }

    private static final Map<String, String[]> RHYTHMS = Map.of(
            "(VF", new String[] {"VFIB", "Ventricular fibrillation"},
            "(VFIB", new String[] {"VFIB", "Ventricular fibrillation"},
            "(VFL", new String[] {"VFLUTTER", "Ventricular flutter"},
            "(VT", new String[] {"VTACH", "Ventricular tachycardia"},
            "(ASYS", new String[] {"ASYSTOLE", "Asystole"});

    /**
     * The alarmable rhythm episodes: each rhythm annotation naming one (see the class) starts an episode that
     * ends at the next rhythm annotation of another condition, or at the end of the recording.
     */
    static List<Episode> episodes(List<MitAnnotations.Annotation> annotations, int frames) {
        List<Episode> out = new ArrayList<>();
        String[] open = null;
        long onset = 0;
        for (MitAnnotations.Annotation a : annotations) {
            if (a.code() != MitAnnotations.RHYTHM || a.aux() == null || a.sample() >= frames) {
                continue;
            }
            String[] rhythm = RHYTHMS.get(a.aux().strip().toUpperCase(Locale.ROOT));
            if (open != null && rhythm != null && rhythm[0].equals(open[0])) {
                continue; // the same rhythm again: the episode goes on
            }
            if (open != null) {
                out.add(new Episode(onset, a.sample(), open[0], open[1]));
            }
            open = rhythm;
            onset = a.sample();
        }
        if (open != null) {
            out.add(new Episode(onset, frames, open[0], open[1]));
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------- ids

    private static String folder(Path dir) {
        Path f = dir == null ? null : dir.getFileName();
        return f == null ? "rec" : f.toString();
    }

    /** A valid bed id from a name: other characters than {@code [A-Za-z0-9_-]} become {@code -}, at most 64. */
    static String id(String raw) {
        String s = raw.replaceAll("[^A-Za-z0-9_-]", "-");
        return s.length() > 64 ? s.substring(s.length() - 64) : s;
    }

    @Override
    public String toString() {
        return "Recording[" + name + ", " + channels.size() + " channels at " + rate + " Hz, " + duration() + "]";
    }
}

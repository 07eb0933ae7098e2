package org.vigil.data.recording;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.vigil.data.recording.codec.WaveformCodec;
import org.vigil.data.store.DatabaseException;

/**
 * The read side of the recording over JDBC (H2 or PostgreSQL). Blocking: call from a background executor, never
 * from the JavaFX thread. Thread-safe (each call takes its own pooled connection).
 */
public final class JdbcRecordingReader implements RecordingReader {
    /** No block is longer than this: range queries look back this far for a block that reaches into the span. */
    static final Duration MAX_BLOCK_SPAN = Duration.ofSeconds(61);

    private final DataSource ds;

    public JdbcRecordingReader(DataSource ds) {
        this.ds = ds;
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T query(Work<T> work) {
        try (Connection c = ds.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new DatabaseException("Reading the recording failed: " + e.getMessage(), e);
        }
    }

    /**
     * {@inheritDoc} Reads every value of the bed in the span (all codes, about 8 a second) through the (bed, time)
     * index: about 0.1 s per hour of span on the benchmark machine. Beyond an hour or two, read {@link #minutes}.
     */
    @Override
    public List<TrendPoint> numerics(String bed, Set<String> codes, Instant from, Instant to) {
        return query(c -> {
            List<TrendPoint> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT code, t_us, num_value, unit FROM rec_numeric "
                    + "WHERE bed_id = ? AND t_us >= ? AND t_us < ? ORDER BY bed_id, t_us")) { // H2 then reads the index in order
                ps.setFetchSize(4096);
                ps.setString(1, bed);
                ps.setLong(2, Micros.of(from));
                ps.setLong(3, Micros.of(to));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String code = rs.getString(1);
                        if (codes.isEmpty() || codes.contains(code)) {
                            out.add(new TrendPoint(code, Micros.toInstant(rs.getLong(2)), rs.getDouble(3),
                                    rs.getString(4)));
                        }
                    }
                }
            }
            return out;
        });
    }

    @Override
    public List<MinuteAggregate> minutes(String bed, Set<String> codes, Instant from, Instant to) {
        return query(c -> {
            List<MinuteAggregate> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT code, minute_us, median_value, min_value, max_value, "
                    + "value_count, unit FROM rec_minute WHERE bed_id = ? AND minute_us >= ? AND minute_us < ? "
                    + "ORDER BY bed_id, minute_us, code")) {
                ps.setFetchSize(4096);
                ps.setString(1, bed);
                ps.setLong(2, Micros.of(from));
                ps.setLong(3, Micros.of(to));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String code = rs.getString(1);
                        if (codes.isEmpty() || codes.contains(code)) {
                            out.add(new MinuteAggregate(code, Micros.toInstant(rs.getLong(2)), rs.getDouble(3),
                                    rs.getDouble(4), rs.getDouble(5), rs.getInt(6), rs.getString(7)));
                        }
                    }
                }
            }
            return out;
        });
    }

    /** One stored block, decoded lazily. */
    private record Block(String code, long runT0Us, long firstIndex, double rate, String unit, double scale,
                         double offset, int count, byte[] data) {
        boolean sameChannel(Block o) {
            return code.equals(o.code) && Double.compare(rate, o.rate) == 0 && unit.equals(o.unit)
                    && Double.compare(scale, o.scale) == 0 && Double.compare(offset, o.offset) == 0;
        }
    }

    @Override
    public WaveWindow waves(String bed, Instant from, Instant to) {
        long fromUs = Micros.of(from);
        long toUs = Micros.of(to);
        List<Block> blocks = query(c -> {
            List<Block> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT code, run_t0_us, first_index, rate, unit, scale, "
                    + "wave_offset, sample_count, samples FROM rec_wave_block WHERE bed_id = ? AND t0_us > ? "
                    + "AND t0_us < ? AND end_us > ? ORDER BY code, t0_us")) {
                ps.setString(1, bed);
                ps.setLong(2, fromUs - MAX_BLOCK_SPAN.toNanos() / 1000);
                ps.setLong(3, toUs);
                ps.setLong(4, fromUs);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Block(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getDouble(4),
                                rs.getString(5), rs.getDouble(6), rs.getDouble(7), rs.getInt(8), rs.getBytes(9)));
                    }
                }
            }
            return out;
        });
        return new WaveWindow(bed, from, to, assemble(blocks, from, to));
    }

    /** Decodes the blocks (ordered by code, time), clips them to [from, to) and joins contiguous ones. */
    private static List<WaveTrace> assemble(List<Block> blocks, Instant from, Instant to) {
        Map<String, List<WaveTrace>> traces = new LinkedHashMap<>();
        Block traceOf = null;           // the channel parameters of the trace being built
        List<WaveSegment> segments = new ArrayList<>();
        Block prev = null;              // the last block appended to the current segment
        long prevEndIndex = 0;          // run index just after the current segment's last sample
        int[] seg = new int[0];
        int segLen = 0;
        long segRunT0 = 0;
        long segFirstIndex = 0;
        for (Block b : blocks) {
            // clip to [from, to): the first and last run index inside the window, before decoding anything
            long lo = Math.max(b.firstIndex(), firstIndexAtOrAfter(b, from));
            long hi = Math.min(b.firstIndex() + b.count(), firstIndexAtOrAfter(b, to)); // exclusive
            if (lo >= hi) {
                continue;
            }
            int[] samples = WaveformCodec.decode(b.data());
            if (samples.length != b.count()) {
                throw new DatabaseException("A waveform block of " + b.code() + " holds " + samples.length
                        + " samples where its row says " + b.count());
            }
            boolean contiguous = prev != null && prev.sameChannel(b) && prev.runT0Us() == b.runT0Us()
                    && prevEndIndex == lo;
            if (prev != null && b.sameChannel(prev) && prev.runT0Us() == b.runT0Us() && lo < prevEndIndex) {
                // overlaps what this segment already holds (a duplicate that slipped in): keep the first copy
                lo = prevEndIndex;
                if (lo >= hi) {
                    continue;
                }
                contiguous = true;
            }
            if (!contiguous) {
                if (segLen > 0) {
                    segments.add(new WaveSegment(Micros.sampleInstant(segRunT0, segFirstIndex, prev.rate()),
                            Arrays.copyOf(seg, segLen)));
                    segLen = 0;
                }
                if (traceOf == null || !traceOf.sameChannel(b)) {
                    flushTrace(traces, traceOf, segments);
                    segments = new ArrayList<>();
                    traceOf = b;
                }
                segRunT0 = b.runT0Us();
                segFirstIndex = lo;
            }
            int n = (int) (hi - lo);
            if (seg.length < segLen + n) {
                seg = Arrays.copyOf(seg, Math.max(segLen + n, seg.length * 2));
            }
            System.arraycopy(samples, (int) (lo - b.firstIndex()), seg, segLen, n);
            segLen += n;
            prev = b;
            prevEndIndex = hi;
        }
        if (segLen > 0) {
            segments.add(new WaveSegment(Micros.sampleInstant(segRunT0, segFirstIndex, prev.rate()),
                    Arrays.copyOf(seg, segLen)));
        }
        flushTrace(traces, traceOf, segments);
        List<WaveTrace> out = new ArrayList<>();
        traces.values().forEach(out::addAll);
        return out;
    }

    /** The first run index of the block's run whose sample time is at or after {@code t}. */
    private static long firstIndexAtOrAfter(Block b, Instant t) {
        long tNs = t.getEpochSecond() * 1_000_000_000L + t.getNano();
        long runNs = b.runT0Us() * 1000L;
        long i = (long) Math.ceil((tNs - runNs) * b.rate() / 1e9);
        // exact to the nanosecond as Micros.sampleInstant places samples: correct the floating-point estimate
        while (runNs + Math.round((i - 1) * 1e9 / b.rate()) >= tNs) {
            i--;
        }
        while (runNs + Math.round(i * 1e9 / b.rate()) < tNs) {
            i++;
        }
        return i;
    }

    private static void flushTrace(Map<String, List<WaveTrace>> traces, Block channel, List<WaveSegment> segments) {
        if (channel == null || segments.isEmpty()) {
            return;
        }
        segments.sort((a, b) -> a.t0().compareTo(b.t0()));
        traces.computeIfAbsent(channel.code(), k -> new ArrayList<>()).add(new WaveTrace(channel.code(),
                channel.rate(), channel.unit(), channel.scale(), channel.offset(), segments));
    }

    @Override
    public RecordedSpan span(String bed) {
        return query(c -> {
            Long first = null;
            Long last = null;
            // ORDER BY bed_id first: H2 then reads the (bed_id, time) index in order and stops at the first row
            for (String[] t : new String[][] {{"rec_numeric", "t_us", "t_us"}, {"rec_wave_block", "t0_us", "end_us"}}) {
                Long f = single(c, "SELECT " + t[1] + " FROM " + t[0] + " WHERE bed_id = ? ORDER BY bed_id, "
                        + t[1] + " FETCH FIRST 1 ROWS ONLY", bed);
                Long l = single(c, "SELECT " + t[2] + " FROM " + t[0] + " WHERE bed_id = ? ORDER BY bed_id DESC, "
                        + t[1] + " DESC FETCH FIRST 1 ROWS ONLY", bed);
                if (f != null) {
                    first = first == null ? f : Math.min(first, f);
                }
                if (l != null) {
                    last = last == null ? l : Math.max(last, l);
                }
            }
            return first == null ? null : new RecordedSpan(Micros.toInstant(first), Micros.toInstant(last));
        });
    }

    private static Long single(Connection c, String sql, String bed) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, bed);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                long v = rs.getLong(1);
                return rs.wasNull() ? null : v;
            }
        }
    }

    static final List<String> TABLES = List.of("rec_numeric", "rec_minute", "rec_wave_block", "rec_bed");

    @Override
    public long bytesUsed() {
        return query(JdbcRecordingReader::bytesUsed);
    }

    /**
     * The recording's size on disk. PostgreSQL: {@code pg_total_relation_size} of the recording tables (it reads the
     * files' sizes). H2: the size of the database file (the recording is nearly all of it); H2's own per-table
     * DISK_SPACE_USED walks every page of the table, far too slow to call every minute on 96 h of recording. Only
     * an H2 reached over TCP falls back to it.
     */
    static long bytesUsed(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        boolean postgres = product.contains("postgres");
        if (!postgres) {
            try (PreparedStatement ps = c.prepareStatement("SELECT DATABASE_PATH()"); ResultSet rs = ps.executeQuery()) {
                String path = rs.next() ? rs.getString(1) : null;
                if (path != null) {
                    java.nio.file.Path file = java.nio.file.Path.of(path + ".mv.db");
                    if (java.nio.file.Files.isRegularFile(file)) {
                        return java.nio.file.Files.size(file);
                    }
                }
            } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
                // fall back to the tables' own figure
            }
        }
        long total = 0;
        for (String table : TABLES) {
            String sql = postgres ? "SELECT pg_total_relation_size('" + table + "')"
                    : "SELECT DISK_SPACE_USED('" + table.toUpperCase(Locale.ROOT) + "')";
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    total += rs.getLong(1);
                }
            }
        }
        return total;
    }
}

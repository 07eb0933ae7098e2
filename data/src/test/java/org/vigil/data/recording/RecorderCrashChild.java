package org.vigil.data.recording;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.vigil.data.model.AlarmPriority;
import org.vigil.data.store.AlarmLogEntry;
import org.vigil.data.store.AlarmLogStore;
import org.vigil.data.store.AuditLog;
import org.vigil.data.store.VigilDatabase;

/**
 * Run by {@link RecorderCrashTest} as a separate JVM on the H2 database in {@code args[0]}, reporting in the file {@code args[1]}: records the known ECG
 * signal of {@link Waves} in real time (0.25 s messages at 250 Hz, device time = wall time) and commits an
 * alarm-log and an audit row every half second, until it is killed. In the report file, before each wave hand-off:
 * {@code wave SEQ END_INDEX T0_EPOCH_MICROS}; after each log commit returned: {@code alarm N} / {@code audit N}.
 */
public final class RecorderCrashChild {
    private RecorderCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        // a file, not stdout: the parent reads it after the kill (a killed process's pipes are closed under it);
        // each println is a write(2) into the page cache, which a process crash does not lose
        PrintStream out = new PrintStream(new java.io.FileOutputStream(args[1]), true, StandardCharsets.UTF_8);
        VigilDatabase db = VigilDatabase.openFile(Path.of(args[0]));
        Recorder recorder = new Recorder(db, Clock.systemUTC(), RecordingSettings.defaults(), RecordingListener.NONE);
        recorder.start();
        AlarmLogStore alarms = new AlarmLogStore(db);
        AuditLog audit = new AuditLog(db);
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        out.println("start " + Micros.of(start));
        long index = 0;
        for (int m = 0; ; m++) {
            int n = m % 2 == 0 ? 62 : 63;
            Instant t0 = start.plusMillis(index * 4);
            Instant end = start.plusMillis((index + n) * 4);
            long wait = java.time.Duration.between(Instant.now(), end).toMillis();
            if (wait > 0) {
                Thread.sleep(wait); // a device sends a message when its samples are complete
            }
            out.println("wave " + (m + 1) + " " + (index + n) + " " + Micros.of(t0));
            recorder.wave("b1", Waves.ecg("mon-1", m + 1, start, 250, index, n));
            index += n;
            if (m % 2 == 1) {
                Instant now = Instant.now();
                alarms.append(new AlarmLogEntry(0, now, "b1-HR_HIGH-" + m, "b1", null, "HR_HIGH", "physiological",
                        AlarmPriority.HIGH, "active", 151.0, null, 150.0, "/min", now, null, "station-a",
                        "HR 151 > 150 #" + m));
                out.println("alarm " + m);
                audit.record("nurse.kim", "station-a", "acknowledge", "b1", null, "#" + m, now);
                out.println("audit " + m);
            }
        }
    }
}

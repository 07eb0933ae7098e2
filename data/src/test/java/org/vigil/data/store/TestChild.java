package org.vigil.data.store;

import java.nio.file.Path;
import java.time.Instant;
import org.vigil.data.model.AlarmPriority;

/**
 * Test helper run as a separate JVM on the database in {@code args[1]}. {@code hold}: keeps it open until stdin
 * closes. {@code crash N}: appends N alarm-log rows, then halts like {@code kill -9} (no close, no shutdown hooks).
 */
public final class TestChild {
    private TestChild() {
    }

    public static void main(String[] args) throws Exception {
        VigilDatabase db = VigilDatabase.openFile(Path.of(args[1]));
        switch (args[0]) {
            case "hold" -> {
                System.out.println("open " + db.lastMigration().schemaVersion());
                System.out.flush();
                while (System.in.read() >= 0) {
                    // wait for the test to close our stdin
                }
                db.close();
            }
            case "crash" -> {
                AlarmLogStore log = new AlarmLogStore(db);
                for (int i = 0; i < Integer.parseInt(args[2]); i++) {
                    log.append(new AlarmLogEntry(0, Instant.now(), "b1-HR_HIGH-" + i, "b1", null, "HR_HIGH",
                            "physiological", AlarmPriority.HIGH, "active", 151.0, null, 150.0, "/min", null, null,
                            "station-a", "HR 151 > 150"));
                }
                Runtime.getRuntime().halt(9);
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}

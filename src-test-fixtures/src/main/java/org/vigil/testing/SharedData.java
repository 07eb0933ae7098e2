package org.vigil.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared folder of real recordings ({@code ../shared/data} beside the reactor: PhysioNet MIT-BIH, VFDB,
 * BIDMC) for replay, signal-processing and compression tests, which skip where it is absent. Any thread may
 * call it.
 */
public final class SharedData {

    /** The system property that Surefire sets to the folder. */
    public static final String PROPERTY = "vigil.shared.data";

    private SharedData() {
    }

    /**
     * The folder, existing or not: the system property {@value #PROPERTY} if set, else {@code ../shared/data}
     * relative to the reactor root (the nearest folder holding {@code mvnw}, walking up from {@code user.dir}).
     */
    public static Path dir() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        Path root = start;
        while (root != null && !Files.exists(root.resolve("mvnw"))) {
            root = root.getParent();
        }
        return (root != null ? root : start).resolve("../shared/data").normalize();
    }

    /** The folder; skips the calling test (JUnit assumption) if it is absent. Call it from the test thread. */
    public static Path requireDir() {
        Path dir = dir();
        assumeTrue(Files.isDirectory(dir), "skipped: ../shared/data is absent (PhysioNet recordings), looked in " + dir);
        return dir;
    }

    /**
     * A file or folder inside it, such as {@code "mitdb/100.hea"}; skips the calling test if it is absent.
     * Call it from the test thread.
     */
    public static Path require(String relativePath) {
        Path path = requireDir().resolve(relativePath);
        assumeTrue(Files.exists(path), "skipped: " + path + " is absent from the shared recordings");
        return path;
    }
}

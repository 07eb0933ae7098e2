package org.vigil.app;

import java.nio.file.Path;
import java.util.Locale;

/** Where the station keeps its database and logs by default: the platform's per-user data folder. */
final class DataDirectories {
    private DataDirectories() {
    }

    static Path defaultDataDir() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String home = System.getProperty("user.home");
        if (os.contains("win")) {
            String local = System.getenv("LOCALAPPDATA");
            return Path.of(local != null ? local : home, "Vigil");
        }
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Application Support", "Vigil");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".local", "share")).resolve("vigil");
    }
}

package org.vigil.ui.review;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The user's documents folder, where the strip export's file chooser opens: the XDG documents folder on Linux
 * ({@code ~/.config/user-dirs.dirs}), else {@code ~/Documents}, else the home folder. Reads a small file: call it
 * off the JavaFX thread. Any thread.
 */
public final class DocumentsFolder {
    private DocumentsFolder() {
    }

    public static Path find() {
        return find(Path.of(System.getProperty("user.home")), System.getenv());
    }

    static Path find(Path home, Map<String, String> env) {
        String config = env.get("XDG_CONFIG_HOME");
        Path dirs = (config == null || config.isBlank() ? home.resolve(".config") : Path.of(config))
                .resolve("user-dirs.dirs");
        Path xdg = fromUserDirs(dirs, home);
        if (xdg != null && Files.isDirectory(xdg)) {
            return xdg;
        }
        Path documents = home.resolve("Documents");
        return Files.isDirectory(documents) ? documents : home;
    }

    /** {@code XDG_DOCUMENTS_DIR="$HOME/Dokumente"} in user-dirs.dirs, or null. */
    static Path fromUserDirs(Path file, Path home) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            return null;
        }
        for (String line : lines) {
            String l = line.trim();
            if (l.startsWith("XDG_DOCUMENTS_DIR=")) {
                String v = l.substring("XDG_DOCUMENTS_DIR=".length()).replace("\"", "");
                v = v.replace("$HOME", home.toString());
                return v.isBlank() ? null : Path.of(v);
            }
        }
        return null;
    }
}

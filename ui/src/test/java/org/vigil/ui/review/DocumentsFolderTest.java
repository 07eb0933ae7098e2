package org.vigil.ui.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The strip export's file chooser opens in the user's documents folder, as the desktop names it. */
class DocumentsFolderTest {
    @TempDir
    Path home;

    @Test
    void theXdgDocumentsFolderWinsThenDocumentsThenHome() throws Exception {
        assertThat(DocumentsFolder.find(home, Map.of())).isEqualTo(home);
        Path documents = Files.createDirectories(home.resolve("Documents"));
        assertThat(DocumentsFolder.find(home, Map.of())).isEqualTo(documents);
        Path dokumente = Files.createDirectories(home.resolve("Dokumente"));
        Files.createDirectories(home.resolve(".config"));
        Files.writeString(home.resolve(".config/user-dirs.dirs"),
                "# written by xdg-user-dirs-update\nXDG_DESKTOP_DIR=\"$HOME/Schreibtisch\"\n"
                        + "XDG_DOCUMENTS_DIR=\"$HOME/Dokumente\"\n");
        assertThat(DocumentsFolder.find(home, Map.of())).isEqualTo(dokumente);
        // a folder the file names but that does not exist is not offered
        Files.writeString(home.resolve(".config/user-dirs.dirs"), "XDG_DOCUMENTS_DIR=\"$HOME/Gone\"\n");
        assertThat(DocumentsFolder.find(home, Map.of())).isEqualTo(documents);
        // XDG_CONFIG_HOME moves the file
        Path config = Files.createDirectories(home.resolve("cfg"));
        Files.writeString(config.resolve("user-dirs.dirs"), "XDG_DOCUMENTS_DIR=\"$HOME/Dokumente\"\n");
        assertThat(DocumentsFolder.find(home, Map.of("XDG_CONFIG_HOME", config.toString()))).isEqualTo(dokumente);
    }
}

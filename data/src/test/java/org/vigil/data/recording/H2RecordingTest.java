package org.vigil.data.recording;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.data.store.VigilDatabase;

/** The recording contract on the station's embedded H2 file. */
class H2RecordingTest extends RecordingContractTest {
    @TempDir
    Path dir;

    @Override
    protected VigilDatabase openDatabase() {
        return VigilDatabase.openFile(dir);
    }
}

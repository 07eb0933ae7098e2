package org.vigil.data.store;

import java.nio.file.Path;

/** {@link StationSettingsContract} on an H2 file. */
class StationSettingsH2Test extends StationSettingsContract {
    @Override
    protected TestDatabase newDatabase(Path folder) {
        return TestDatabase.h2(folder);
    }
}

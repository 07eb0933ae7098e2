package org.vigil.data.store;

import java.nio.file.Path;

/** {@link StationSettingsContract} on PostgreSQL (skipped where it is not installed). */
class StationSettingsPostgresTest extends StationSettingsContract {
    @Override
    protected TestDatabase newDatabase(Path folder) {
        return TestDatabase.postgres();
    }
}

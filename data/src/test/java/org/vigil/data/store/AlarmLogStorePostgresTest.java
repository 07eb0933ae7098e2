package org.vigil.data.store;

import java.nio.file.Path;

/** {@link AlarmLogStoreContract} on PostgreSQL (skipped where it is not installed). */
class AlarmLogStorePostgresTest extends AlarmLogStoreContract {
    @Override
    protected TestDatabase newDatabase(Path folder) {
        return TestDatabase.postgres();
    }
}

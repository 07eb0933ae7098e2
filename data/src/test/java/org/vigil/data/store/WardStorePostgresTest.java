package org.vigil.data.store;

import java.nio.file.Path;

/** {@link WardStoreContract} on PostgreSQL (skipped where it is not installed). */
class WardStorePostgresTest extends WardStoreContract {
    @Override
    protected TestDatabase newDatabase(Path folder) {
        return TestDatabase.postgres();
    }
}

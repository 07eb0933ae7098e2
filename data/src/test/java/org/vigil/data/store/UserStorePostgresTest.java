package org.vigil.data.store;

import java.nio.file.Path;

/** {@link UserStoreContract} on PostgreSQL (skipped where it is not installed). */
class UserStorePostgresTest extends UserStoreContract {
    @Override
    protected TestDatabase newDatabase(Path folder) {
        return TestDatabase.postgres();
    }
}

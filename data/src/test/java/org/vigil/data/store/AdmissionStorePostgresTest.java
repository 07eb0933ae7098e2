package org.vigil.data.store;

import java.nio.file.Path;

/** {@link AdmissionStoreContract} on PostgreSQL (skipped where it is not installed). */
class AdmissionStorePostgresTest extends AdmissionStoreContract {
    @Override
    protected TestDatabase newDatabase(Path folder) {
        return TestDatabase.postgres();
    }
}

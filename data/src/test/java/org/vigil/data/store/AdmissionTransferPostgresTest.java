package org.vigil.data.store;

import java.nio.file.Path;

/** {@link AdmissionTransferContract} on PostgreSQL (skipped where it is not installed). */
class AdmissionTransferPostgresTest extends AdmissionTransferContract {
    @Override
    protected TestDatabase newDatabase(Path folder) {
        return TestDatabase.postgres();
    }
}

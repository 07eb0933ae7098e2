package org.vigil.data.emr;

import java.nio.file.Path;
import org.vigil.data.store.TestDatabase;

/** {@link EmrOutboxContract} on PostgreSQL (skipped where it is not installed). */
class EmrOutboxPostgresTest extends EmrOutboxContract {
    @Override
    protected TestDatabase newDatabase(Path folder) {
        return TestDatabase.postgres();
    }
}

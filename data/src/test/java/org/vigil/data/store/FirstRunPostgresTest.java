package org.vigil.data.store;

import java.nio.file.Path;

/** {@link FirstRunContract} on PostgreSQL (skipped where it is not installed). */
class FirstRunPostgresTest extends FirstRunContract {
    @Override
    protected TestDatabase newDatabase(Path folder) {
        return TestDatabase.postgres();
    }
}

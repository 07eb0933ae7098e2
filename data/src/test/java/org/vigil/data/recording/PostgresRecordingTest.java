package org.vigil.data.recording;

import org.vigil.data.store.TestDatabase;
import org.vigil.data.store.VigilDatabase;

/**
 * The recording contract on the ward-wide store: a new database per test on the JVM's shared PostgreSQL test server
 * (skipped with a message where PostgreSQL is not installed).
 */
class PostgresRecordingTest extends RecordingContractTest {
    @Override
    protected VigilDatabase openDatabase() {
        return TestDatabase.postgres().open();
    }
}

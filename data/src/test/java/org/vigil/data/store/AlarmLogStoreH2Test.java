package org.vigil.data.store;

import java.nio.file.Path;

/** {@link AlarmLogStoreContract} on an H2 file. */
class AlarmLogStoreH2Test extends AlarmLogStoreContract {
    @Override
    protected TestDatabase newDatabase(Path folder) {
        return TestDatabase.h2(folder);
    }
}

package org.vigil.data.store;

import java.nio.file.Path;

/** {@link WardStoreContract} on an H2 file. */
class WardStoreH2Test extends WardStoreContract {
    @Override
    protected TestDatabase newDatabase(Path folder) {
        return TestDatabase.h2(folder);
    }
}

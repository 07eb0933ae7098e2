package org.vigil.data.store;

import java.nio.file.Path;

/** {@link UserStoreContract} on an H2 file. */
class UserStoreH2Test extends UserStoreContract {
    @Override
    protected TestDatabase newDatabase(Path folder) {
        return TestDatabase.h2(folder);
    }
}

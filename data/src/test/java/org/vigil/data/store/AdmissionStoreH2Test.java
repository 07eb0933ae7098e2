package org.vigil.data.store;

import java.nio.file.Path;

/** {@link AdmissionStoreContract} on an H2 file. */
class AdmissionStoreH2Test extends AdmissionStoreContract {
    @Override
    protected TestDatabase newDatabase(Path folder) {
        return TestDatabase.h2(folder);
    }
}

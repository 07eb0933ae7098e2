package org.vigil.data.store;

import java.nio.file.Path;

/** {@link AdmissionTransferContract} on an H2 file. */
class AdmissionTransferH2Test extends AdmissionTransferContract {
    @Override
    protected TestDatabase newDatabase(Path folder) {
        return TestDatabase.h2(folder);
    }
}

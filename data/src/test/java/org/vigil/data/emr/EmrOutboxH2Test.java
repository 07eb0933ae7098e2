package org.vigil.data.emr;

import java.nio.file.Path;
import org.vigil.data.store.TestDatabase;

/** {@link EmrOutboxContract} on an H2 file. */
class EmrOutboxH2Test extends EmrOutboxContract {
    @Override
    protected TestDatabase newDatabase(Path folder) {
        return TestDatabase.h2(folder);
    }
}

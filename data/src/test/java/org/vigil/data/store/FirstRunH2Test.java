package org.vigil.data.store;

import java.nio.file.Path;

/** {@link FirstRunContract} on an H2 file. */
class FirstRunH2Test extends FirstRunContract {
    @Override
    protected TestDatabase newDatabase(Path folder) {
        return TestDatabase.h2(folder);
    }
}

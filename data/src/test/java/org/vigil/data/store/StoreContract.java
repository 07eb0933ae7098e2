package org.vigil.data.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the store contract tests: the tests live in an abstract subclass ({@code XxxStoreContract}), written once
 * against {@link #openDatabase()}, and run on each database Vigil supports through two small concrete classes,
 * {@code XxxStoreH2Test} and {@code XxxStorePostgresTest}, which say what {@link #newDatabase} makes
 * ({@link TestDatabase#h2} or {@link TestDatabase#postgres}). Every test gets a new empty database. JUnit's test
 * thread only.
 */
public abstract class StoreContract {
    @TempDir
    protected Path dir;
    private TestDatabase database;
    private int others;

    /** A new empty database of the kind under test; {@code folder} is an empty folder it may use. */
    protected abstract TestDatabase newDatabase(Path folder);

    /** Opens this test's database (empty at the first call); call again after closing it to reopen the same one. */
    protected final VigilDatabase openDatabase() {
        if (database == null) {
            database = newDatabase(dir);
        }
        return database.open();
    }

    /** Opens another new empty database of the same kind, separate from {@link #openDatabase()}'s. */
    protected final VigilDatabase openOtherDatabase() {
        return newDatabase(dir.resolve("other-" + ++others)).open();
    }
}

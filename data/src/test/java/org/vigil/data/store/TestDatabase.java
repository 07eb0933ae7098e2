package org.vigil.data.store;

import java.nio.file.Path;
import java.util.Objects;
import org.vigil.testing.PostgresServer;

/**
 * One test's database, empty until first opened: an H2 file in a folder of the test's, or a database of its own on
 * the JVM's shared PostgreSQL test server ({@link PostgresServer#shared()}; the test is skipped where PostgreSQL is
 * not installed). {@link #open()} may be called again after closing, to reopen the same database. For store tests
 * in any package of this module: see {@link StoreContract}. Test thread only.
 */
public abstract class TestDatabase {
    private TestDatabase() {
    }

    /** An H2 database in {@code dir} (opened as the station opens its embedded default). */
    public static TestDatabase h2(Path dir) {
        Objects.requireNonNull(dir, "dir");
        return new TestDatabase() {
            @Override
            public VigilDatabase open() {
                return VigilDatabase.openFile(dir);
            }

            @Override
            public String toString() {
                return "H2 in " + dir;
            }
        };
    }

    /** A new empty database on the shared PostgreSQL test server; skips the calling test when it is absent. */
    public static TestDatabase postgres() {
        PostgresServer server = PostgresServer.shared();
        String url = server.createDatabase();
        return new TestDatabase() {
            @Override
            public VigilDatabase open() {
                return VigilDatabase.open(url, server.user(), server.password());
            }

            @Override
            public String toString() {
                return "PostgreSQL " + url;
            }
        };
    }

    /** Opens (the first time: creates and migrates) this database. */
    public abstract VigilDatabase open();
}

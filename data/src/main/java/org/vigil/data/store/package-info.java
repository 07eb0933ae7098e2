/**
 * The station's persistent store: {@link org.vigil.data.store.VigilDatabase} (H2 file or PostgreSQL, Flyway
 * migrations from {@code db/migration}) and small plain-JDBC stores on top of it.
 *
 * <p>Threads: every store is stateless apart from the shared connection pool and may be called from any thread,
 * concurrently. Every call blocks on I/O (and may wait for a pooled connection), so never call a store from the
 * JavaFX application thread or from the MQTT callback thread: hand the work to a worker or executor. Failures
 * surface as the unchecked {@link org.vigil.data.store.DatabaseException}.
 */
package org.vigil.data.store;

package org.vigil.data.store;

/**
 * What Flyway did when the database was opened: how many migrations ran and the schema version afterwards
 * (null only if the migration folder were empty).
 */
public record MigrationReport(int migrationsExecuted, String schemaVersion) {
}

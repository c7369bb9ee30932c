package dev.overtime.platform.async.store.postgres;

import org.flywaydb.core.Flyway;

/**
 * Creates and migrates the store's schema with Flyway, from the versioned scripts in
 * {@code db/postgresql/}. Flyway holds a PostgreSQL advisory lock while it migrates, so when several
 * nodes start at once on an empty database one migrates and the others wait, then find nothing to do.
 */
final class PostgresSchema {

    private PostgresSchema() {
    }

    static void migrate(PostgresLocation location) {
        Flyway.configure(PostgresSchema.class.getClassLoader())
                .dataSource(location.jdbcUrl(), location.user(), location.password())
                .locations("classpath:db/postgresql")
                .table("overtime_schema_history")
                .load()
                .migrate();
    }
}

package dev.overtime.platform.async.store;

import dev.overtime.platform.async.store.postgres.PostgresEventStore;
import dev.overtime.platform.async.store.postgres.PostgresLocation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the asynchronous side lives: the embedded SQLite file in the data folder ({@link #EMBEDDED}), or a
 * PostgreSQL database that several nodes share, in which a node that stops renewing its lease for
 * {@code lease} loses the events it was running to the others.
 *
 * @param postgres the database, or {@code null} for the embedded store
 */
public record EventStoreChoice(PostgresLocation postgres, Duration lease) {

    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
    public static final EventStoreChoice EMBEDDED = new EventStoreChoice(null, DEFAULT_LEASE);

    public EventStoreChoice {
        Objects.requireNonNull(lease, "lease");
        if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("the lease must be at least 1 s, got " + lease);
        }
    }

    public static EventStoreChoice postgres(PostgresLocation location, Duration lease) {
        return new EventStoreChoice(Objects.requireNonNull(location, "location"), lease);
    }

    /** Opens the chosen store; {@code nodeId} names this platform among the nodes sharing it. */
    public EventStore open(Path dataDir, String nodeId) throws Exception {
        return postgres == null ? SqliteEventStore.open(dataDir.resolve("async"))
                : PostgresEventStore.open(postgres, nodeId, lease);
    }

    /** Where the queue is, for the console: the database without its password, or the folder. */
    public String describe(Path dataDir) {
        return postgres == null ? dataDir.resolve("async").toString() : postgres.redacted();
    }
}

-- The asynchronous side of every Overtime node that shares this database.
-- Times are epoch milliseconds: due_at and accepted_at on the nodes' clocks, node leases on the database's.

CREATE TABLE events (
    seq              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id               TEXT    NOT NULL UNIQUE,
    target           TEXT    NOT NULL,
    qualifier        TEXT,
    payload          BYTEA   NOT NULL,
    client_context   TEXT,
    accepted_at      BIGINT  NOT NULL,
    attempts         INTEGER NOT NULL,
    throttles        INTEGER NOT NULL,
    due_at           BIGINT  NOT NULL,
    state            TEXT    NOT NULL CHECK (state IN ('QUEUED', 'IN_FLIGHT', 'RETRYING', 'DEAD')),
    last_error       TEXT,
    condition        TEXT,
    executed_version TEXT,
    -- The node running the event while it is IN_FLIGHT; its lease in nodes decides whether it still does.
    lease_owner      TEXT
);

-- Claims: the due pending events of one target, oldest due first.
CREATE INDEX events_pending ON events (target, due_at, seq) WHERE state IN ('QUEUED', 'RETRYING');
-- Lease expiry: what each node runs.
CREATE INDEX events_in_flight ON events (lease_owner) WHERE state = 'IN_FLIGHT';
-- Listing and counting one target's events.
CREATE INDEX events_by_target ON events (target, state, seq);

-- One row per live node; a node renews its lease, and the events it runs share it.
CREATE TABLE nodes (
    id          TEXT   PRIMARY KEY,
    started_at  BIGINT NOT NULL,
    lease_until BIGINT NOT NULL
);

CREATE TABLE event_invoke_configs (
    function TEXT PRIMARY KEY,
    document TEXT NOT NULL
);

-- GraphQL subscriptions across nodes: every publish of an API, numbered in one order for all nodes,
-- kept for the replay window (each node's hub keeps its own copy for replays it answers).
CREATE TABLE graphql_publishes (
    api_id              TEXT    NOT NULL,
    seq                 BIGINT  NOT NULL,
    mutation_field      TEXT    NOT NULL,
    subscription_fields TEXT[]  NOT NULL,
    value               BYTEA   NOT NULL,
    bytes               INTEGER NOT NULL,
    at_millis           BIGINT  NOT NULL,
    PRIMARY KEY (api_id, seq)
);

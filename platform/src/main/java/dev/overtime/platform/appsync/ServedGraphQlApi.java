package dev.overtime.platform.appsync;

import dev.overtime.platform.appsync.engine.ApiSubscriptions;
import dev.overtime.platform.appsync.engine.GraphQlEngine;

import java.time.Instant;

/**
 * A GraphQL API being served on a port of its own: {@code /graphql} for queries, mutations and
 * graphql-transport-ws subscriptions, {@code /graphql/realtime} for AppSync's real-time protocol.
 */
public record ServedGraphQlApi(GraphQlApiDefinition definition, GraphQlEngine engine, ApiSubscriptions subscriptions,
                               String host, int port, Instant created) {

    public String graphQlUrl() {
        return "http://" + shownHost() + ":" + port + "/graphql";
    }

    public String realtimeUrl() {
        return "ws://" + shownHost() + ":" + port + "/graphql/realtime";
    }

    private String shownHost() {
        return host == null || host.equals("0.0.0.0") ? "127.0.0.1" : host;
    }
}

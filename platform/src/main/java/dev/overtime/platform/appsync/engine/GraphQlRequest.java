package dev.overtime.platform.appsync.engine;

import java.util.Map;

/** One GraphQL request: {@code {query, variables, operationName}}. */
public record GraphQlRequest(String query, Map<String, Object> variables, String operationName) {

    public GraphQlRequest {
        variables = variables == null ? Map.of() : variables;
    }
}

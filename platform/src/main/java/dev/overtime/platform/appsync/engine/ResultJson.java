package dev.overtime.platform.appsync.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.language.SourceLocation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes execution results and errors the way AppSync does. */
public final class ResultJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultJson() {
    }

    public static String write(ExecutionResult result) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", result.getData());
        if (!result.getErrors().isEmpty()) {
            body.put("errors", errors(result.getErrors()));
        }
        return text(body);
    }

    /** A response with only errors, e.g. a request that did not parse. */
    public static String errorsOnly(List<? extends GraphQLError> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", null);
        body.put("errors", errors(errors));
        return text(body);
    }

    public static List<Map<String, Object>> errors(List<? extends GraphQLError> errors) {
        List<Map<String, Object>> written = new ArrayList<>();
        for (GraphQLError error : errors) {
            written.add(error(error));
        }
        return written;
    }

    static Map<String, Object> error(GraphQLError error) {
        Map<String, Object> written = new LinkedHashMap<>();
        written.put("path", error.getPath());
        if (error instanceof AppSyncError appSync) {
            written.put("data", appSync.data());
            written.put("errorType", appSync.errorType());
            written.put("errorInfo", appSync.errorInfo());
        } else {
            written.put("data", null);
            written.put("errorType", error.getErrorType() == null ? null : error.getErrorType().toString());
            written.put("errorInfo", null);
        }
        List<Map<String, Object>> locations = new ArrayList<>();
        if (error.getLocations() != null) {
            for (SourceLocation location : error.getLocations()) {
                Map<String, Object> l = new LinkedHashMap<>();
                l.put("line", location.getLine());
                l.put("column", location.getColumn());
                l.put("sourceName", null);
                locations.add(l);
            }
        }
        written.put("locations", locations);
        written.put("message", error.getMessage());
        return written;
    }

    static String text(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a GraphQL result could not be written as JSON", e);
        }
    }
}

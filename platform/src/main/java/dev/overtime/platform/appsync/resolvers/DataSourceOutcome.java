package dev.overtime.platform.appsync.resolvers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a data source answered: {@code ctx.result}, or {@code ctx.error} ({@code {message, type}}).
 */
public record DataSourceOutcome(Object result, Map<String, Object> error) {

    public static DataSourceOutcome of(Object result) {
        return new DataSourceOutcome(result, null);
    }

    public static DataSourceOutcome failed(String message, String type) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", type);
        return new DataSourceOutcome(null, error);
    }
}

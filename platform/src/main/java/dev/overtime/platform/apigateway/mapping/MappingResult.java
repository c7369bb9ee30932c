package dev.overtime.platform.apigateway.mapping;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a template rendered, and the overrides it set. Each override map keeps the order in which the template
 * set its entries; header names are spelt as the template spelt them.
 *
 * @param output                  the rendered text
 * @param headerOverrides         {@code $context.requestOverride.header.*}
 * @param queryOverrides          {@code $context.requestOverride.querystring.*}
 * @param pathOverrides           {@code $context.requestOverride.path.*}
 * @param statusOverride          {@code $context.responseOverride.status}, or null when not set
 * @param responseHeaderOverrides {@code $context.responseOverride.header.*}
 */
public record MappingResult(String output, Map<String, String> headerOverrides, Map<String, String> queryOverrides,
                            Map<String, String> pathOverrides, Integer statusOverride,
                            Map<String, String> responseHeaderOverrides) {

    public MappingResult {
        headerOverrides = ordered(headerOverrides);
        queryOverrides = ordered(queryOverrides);
        pathOverrides = ordered(pathOverrides);
        responseHeaderOverrides = ordered(responseHeaderOverrides);
    }

    private static Map<String, String> ordered(Map<String, String> map) {
        return map == null || map.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}

package dev.overtime.platform.apigateway.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON as templates see it. Payloads are parsed once into a Jackson tree; JSONPath (Jayway) selects from the tree;
 * what a template receives is converted to plain Java values it can use natively: {@link LinkedHashMap} for
 * objects, {@link JsonList} for arrays, {@link String}, {@link Integer}/{@link Long}/{@link java.math.BigInteger},
 * {@link Double}, {@link Boolean} and null.
 */
final class VtlJson {
    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    /** Missing definite paths give null, indefinite ones an empty list; nothing is fetched or thrown. */
    private static final Configuration JSONPATH = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(MAPPER))
            .mappingProvider(new JacksonMappingProvider(MAPPER))
            .options(Option.SUPPRESS_EXCEPTIONS)
            .build();

    private VtlJson() {
    }

    /**
     * Reads a payload as API Gateway's permissive parser does: an empty payload is {@code {}}; text that starts an
     * object or an array must be valid JSON; any other text that is not JSON is taken as one string (AWS answers
     * {@code $input.json('$')} of {@code a=b} with {@code "a=b"}).
     */
    static JsonNode readPayload(String body) {
        if (body.isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            char first = body.strip().charAt(0);
            if (first == '{' || first == '[' || first == '"') {
                throw new TemplateErrors.InvalidPayload("Could not process payload: " + e.getOriginalMessage());
            }
            return JsonNodeFactory.instance.textNode(body);
        }
    }

    /** The value at a JSONPath: a {@link JsonNode} for objects and arrays, a Java value for scalars, or null. */
    static Object select(JsonNode document, String path) {
        if (path == null || path.isEmpty()) {
            path = "$";
        }
        return JsonPath.using(JSONPATH).parse(document).read(path);
    }

    /** A selected value as compact JSON text; null (nothing selected) is {@code null}. */
    static String toJson(Object value) {
        try {
            return value instanceof JsonNode node ? MAPPER.writeValueAsString(node) : MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A selected value as a Java value that VTL uses natively. */
    static Object toVtl(Object value) {
        return value instanceof JsonNode node ? fromNode(node) : value;
    }

    static Object fromNode(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>(Math.max(4, node.size() * 2));
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    map.put(field.getKey(), fromNode(field.getValue()));
                }
                yield map;
            }
            case ARRAY -> {
                JsonList list = new JsonList(node.size());
                for (JsonNode element : node) {
                    list.add(fromNode(element));
                }
                yield list;
            }
            case STRING -> node.textValue();
            case NUMBER -> node.numberValue();
            case BOOLEAN -> node.booleanValue();
            case BINARY -> node.asText();
            default -> null;
        };
    }

    /**
     * An array from a payload. It prints as JSON, as API Gateway's arrays do: {@code "$input.path('$.ids')"} gives
     * {@code [1,2]}, while an object prints as a Java map does, {@code {a=1}}.
     */
    static final class JsonList extends ArrayList<Object> {
        JsonList(int capacity) {
            super(capacity);
        }

        @Override
        public String toString() {
            return toJson(this);
        }
    }
}

package dev.overtime.platform.apigateway.mapping;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code $input}: the payload and the request parameters. One instance per render; the payload is parsed the first
 * time a template asks for JSON, and only once.
 *
 * <p>Parameters with several values ({@code ?a=1&a=2}) show their last value, as API Gateway's single-value maps
 * do. Header names are matched without regard to case.
 */
public final class TemplateInput {
    private final MappingContext request;
    private JsonNode document;
    private Map<String, Map<String, String>> params;

    TemplateInput(MappingContext request) {
        this.request = request;
    }

    /** {@code $input.body}: the raw payload. */
    public String getBody() {
        return request.body();
    }

    /**
     * {@code $input.json(x)}: the value at JSONPath {@code x} as JSON text; {@code $input.json('$')} is the whole
     * payload. A definite path that selects nothing gives {@code null}.
     */
    public String json(String path) {
        return VtlJson.toJson(VtlJson.select(document(), path));
    }

    /**
     * {@code $input.path(x)}: the value at JSONPath {@code x} as an object VTL uses natively (maps, lists,
     * strings, numbers, booleans), or null. Each call gives a fresh copy, so changing it changes nothing else.
     */
    public Object path(String path) {
        return VtlJson.toVtl(VtlJson.select(document(), path));
    }

    /** {@code $input.params()}: {@code path}, {@code querystring} and {@code header}, each a map of names to values. */
    public Map<String, Map<String, String>> params() {
        if (params == null) {
            Map<String, Map<String, String>> all = new LinkedHashMap<>();
            all.put("path", Collections.unmodifiableMap(new LinkedHashMap<>(request.pathParameters())));
            all.put("querystring", lastValues(request.query(), false));
            all.put("header", lastValues(request.headers(), true));
            params = Collections.unmodifiableMap(all);
        }
        return params;
    }

    /**
     * {@code $input.params(x)}: parameter {@code x} from the path, else the query string, else the headers; an
     * empty string when there is none.
     */
    public String params(String name) {
        if (name == null) {
            return "";
        }
        for (Map<String, String> values : params().values()) {
            String value = values.get(name);
            if (value != null) {
                return value;
            }
        }
        return "";
    }

    @Override
    public String toString() {
        return "{body=" + request.body() + ", params=" + params() + "}";
    }

    private JsonNode document() {
        if (document == null) {
            document = VtlJson.readPayload(request.body());
        }
        return document;
    }

    private static Map<String, String> lastValues(Map<String, List<String>> multi, boolean ignoreCase) {
        Map<String, String> values = ignoreCase ? new CaseInsensitiveMap() : new LinkedHashMap<>();
        multi.forEach((name, list) -> {
            if (list != null && !list.isEmpty()) {
                values.put(name, list.get(list.size() - 1));
            }
        });
        return Collections.unmodifiableMap(values);
    }

    /** Keeps the names as they arrived and their order, and finds them in any case. */
    private static final class CaseInsensitiveMap extends LinkedHashMap<String, String> {
        private final Map<String, String> names = new HashMap<>();

        @Override
        public String put(String key, String value) {
            String previous = names.putIfAbsent(key.toLowerCase(Locale.ROOT), key);
            return super.put(previous == null ? key : previous, value);
        }

        @Override
        public String get(Object key) {
            String name = key instanceof String s ? names.get(s.toLowerCase(Locale.ROOT)) : null;
            return name == null ? null : super.get(name);
        }

        @Override
        public String getOrDefault(Object key, String defaultValue) {
            String value = get(key);
            return value == null ? defaultValue : value;
        }

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String s && names.containsKey(s.toLowerCase(Locale.ROOT));
        }
    }
}

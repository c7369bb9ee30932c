package dev.overtime.platform.apigateway.mapping;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code $context} for one render: the caller's read-only values, {@code authorizer} as API Gateway shows it, and
 * the two override objects.
 *
 * <p>A template may {@code #set} other keys; they live for this render only (a plain map on AWS behaves so, and
 * refusing would break templates that run there). {@code requestOverride} and {@code responseOverride} themselves
 * cannot be replaced.
 */
final class ContextVariable extends AbstractMap<String, Object> {
    static final String REQUEST_OVERRIDE = "requestOverride";
    static final String RESPONSE_OVERRIDE = "responseOverride";

    private final Map<String, Object> values;
    final Overrides.Request requestOverride = new Overrides.Request();
    final Overrides.Response responseOverride = new Overrides.Response();
    private Map<String, Object> local;

    ContextVariable(Map<String, Object> values) {
        this.values = values;
    }

    @Override
    public Object get(Object key) {
        if (REQUEST_OVERRIDE.equals(key)) {
            return requestOverride;
        }
        if (RESPONSE_OVERRIDE.equals(key)) {
            return responseOverride;
        }
        if (local != null && local.containsKey(key)) {
            return local.get(key);
        }
        Object value = values.get(key);
        if ("authorizer".equals(key) && value instanceof Map<?, ?> authorizer) {
            value = authorizerView(authorizer);
            local().put("authorizer", value);
        }
        return value;
    }

    @Override
    public boolean containsKey(Object key) {
        return REQUEST_OVERRIDE.equals(key) || RESPONSE_OVERRIDE.equals(key)
                || (local != null && local.containsKey(key)) || values.containsKey(key);
    }

    @Override
    public Object put(String key, Object value) {
        if (REQUEST_OVERRIDE.equals(key) || RESPONSE_OVERRIDE.equals(key)) {
            throw new UnsupportedOperationException("$context." + key + " cannot be replaced; set its entries");
        }
        Object previous = get(key);
        local().put(key, value);
        return previous;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        Map<String, Object> all = new LinkedHashMap<>();
        for (String key : values.keySet()) {
            all.put(key, get(key));
        }
        if (local != null) {
            all.putAll(local);
        }
        all.put(REQUEST_OVERRIDE, requestOverride);
        all.put(RESPONSE_OVERRIDE, responseOverride);
        return Collections.unmodifiableMap(all).entrySet();
    }

    private Map<String, Object> local() {
        if (local == null) {
            local = new LinkedHashMap<>();
        }
        return local;
    }

    /**
     * API Gateway gives a Lambda authorizer's context values to templates as strings ({@code 1} becomes
     * {@code "1"}, {@code true} becomes {@code "true"}); {@code claims} (Cognito) stays a map of strings.
     */
    private static Map<String, Object> authorizerView(Map<?, ?> authorizer) {
        Map<String, Object> view = new LinkedHashMap<>();
        authorizer.forEach((k, v) -> {
            String key = String.valueOf(k);
            if (v == null) {
                view.put(key, null);
            } else if (v instanceof Map<?, ?> nested) {
                Map<String, Object> strings = new LinkedHashMap<>();
                nested.forEach((nk, nv) -> strings.put(String.valueOf(nk), nv == null ? null : String.valueOf(nv)));
                view.put(key, strings);
            } else {
                view.put(key, String.valueOf(v));
            }
        });
        return view;
    }
}

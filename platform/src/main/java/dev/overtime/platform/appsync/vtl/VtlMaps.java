package dev.overtime.platform.appsync.vtl;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code $util.map}. Maps are copied, never changed in place; the order of the keys is kept. */
public final class VtlMaps {
    static final VtlMaps INSTANCE = new VtlMaps();

    private VtlMaps() {
    }

    public Map<Object, Object> copyAndRetainAllKeys(Object map, Object keys) {
        Map<Object, Object> copy = copy(map);
        copy.keySet().retainAll(keys(keys));
        return copy;
    }

    public Map<Object, Object> copyAndRemoveAllKeys(Object map, Object keys) {
        Map<Object, Object> copy = copy(map);
        copy.keySet().removeAll(keys(keys));
        return copy;
    }

    private static Map<Object, Object> copy(Object map) {
        if (map == null) {
            return new LinkedHashMap<>();
        }
        if (map instanceof Map<?, ?> m) {
            return new LinkedHashMap<>(m);
        }
        throw new IllegalArgumentException("Expected a map, got " + map.getClass().getSimpleName());
    }

    private static Collection<?> keys(Object keys) {
        if (keys == null) {
            return List.of();
        }
        if (keys instanceof Collection<?> c) {
            return c;
        }
        throw new IllegalArgumentException("Expected a list of keys, got " + keys.getClass().getSimpleName());
    }
}

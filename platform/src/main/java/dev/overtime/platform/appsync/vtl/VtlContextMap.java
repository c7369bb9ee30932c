package dev.overtime.platform.appsync.vtl;

import dev.overtime.platform.appsync.resolvers.ResolverContext;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code $ctx} / {@code $context}: a map over one {@link ResolverContext}, sharing its mutable stash. */
final class VtlContextMap {
    private VtlContextMap() {
    }

    static Map<String, Object> of(ResolverContext ctx) {
        Map<String, Object> prev = new HashMap<>(2);
        prev.put("result", ctx.prevResult);
        Map<String, Object> map = new LinkedHashMap<>(16);
        map.put("arguments", ctx.arguments);
        map.put("args", ctx.arguments);
        map.put("identity", ctx.identity);
        map.put("source", ctx.source);
        map.put("stash", ctx.stash);
        map.put("prev", prev);
        map.put("result", ctx.result);
        map.put("error", ctx.error);
        map.put("request", ctx.request);
        map.put("info", ctx.info);
        return map;
    }
}

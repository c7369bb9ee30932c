package dev.overtime.platform.apigateway;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the route for a method and path as API Gateway does: literal segments before
 * {@code {param}} segments before a greedy {@code {proxy+}}, an exact method before {@code ANY},
 * and an HTTP API's {@code $default} route last.
 */
public final class RouteTable {

    /** A route that matched, with the path parameters it captured (decoded). */
    public record Match(ApiRoute route, Map<String, String> pathParameters) {
    }

    private record Compiled(ApiRoute route, String[] segments) {
    }

    private final List<Compiled> routes = new ArrayList<>();
    private final ApiRoute fallback;

    public RouteTable(List<ApiRoute> all) {
        ApiRoute catchAll = null;
        for (ApiRoute route : all) {
            if (route.path().equals("$default")) {
                catchAll = route;
            } else {
                routes.add(new Compiled(route, segments(route.path())));
            }
        }
        routes.sort(Comparator.comparing((Compiled c) -> specificity(c.segments())).reversed()
                .thenComparing(c -> c.route().method().equals("ANY")));
        this.fallback = catchAll;
    }

    /** The route for {@code method} on {@code path}, if any. */
    public Optional<Match> find(String method, String path) {
        String[] parts = segments(path);
        for (Compiled c : routes) {
            if (!c.route().method().equals("ANY") && !c.route().method().equalsIgnoreCase(method)) {
                continue;
            }
            Map<String, String> parameters = match(c.segments(), parts);
            if (parameters != null) {
                return Optional.of(new Match(c.route(), parameters));
            }
        }
        return fallback == null ? Optional.empty() : Optional.of(new Match(fallback, Map.of()));
    }

    /** Whether any route has this path, whatever its method (for 405-like answers and CORS). */
    public boolean hasPath(String path) {
        String[] parts = segments(path);
        return routes.stream().anyMatch(c -> match(c.segments(), parts) != null);
    }

    private static Map<String, String> match(String[] template, String[] path) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            if (t.startsWith("{") && t.endsWith("+}")) {
                if (i >= path.length) {
                    return null;
                }
                List<String> rest = new ArrayList<>();
                for (int j = i; j < path.length; j++) {
                    rest.add(decode(path[j]));
                }
                parameters.put(t.substring(1, t.length() - 2), String.join("/", rest));
                return parameters;
            }
            if (i >= path.length) {
                return null;
            }
            if (t.startsWith("{") && t.endsWith("}")) {
                parameters.put(t.substring(1, t.length() - 1), decode(path[i]));
            } else if (!t.equals(path[i])) {
                return null;
            }
        }
        return template.length == path.length ? parameters : null;
    }

    /** More literal segments first, then more segments, greedy ones last. */
    private static int specificity(String[] segments) {
        int score = 0;
        for (String s : segments) {
            score += s.endsWith("+}") ? 0 : s.startsWith("{") ? 10 : 1000;
        }
        return score * 10 + segments.length;
    }

    private static String[] segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }

    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }
}

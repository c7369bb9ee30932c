package dev.overtime.platform.apigateway;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates an integration's {@code requestParameters}: each {@code integration.request.header.X}
 * takes a quoted constant ({@code 'Event'}), a method request parameter
 * ({@code method.request.header|querystring|path.Y}) or a stage variable ({@code stageVariables.Y}).
 * A parameter whose source is absent is left out, as API Gateway does.
 */
final class IntegrationParameters {

    private static final String HEADER = "integration.request.header.";

    private IntegrationParameters() {
    }

    /** The integration request headers, by name as written. */
    static Map<String, String> headers(Integration integration, RouteTable.Match match, ApiRequest request,
                                       Map<String, String> stageVariables) {
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, List<String>> query = null;
        for (Map.Entry<String, String> p : integration.requestParameters().entrySet()) {
            if (!p.getKey().startsWith(HEADER)) {
                continue;
            }
            String source = p.getValue().trim();
            String value;
            if (source.length() >= 2 && source.startsWith("'") && source.endsWith("'")) {
                value = source.substring(1, source.length() - 1);
            } else if (source.startsWith("method.request.header.")) {
                value = request.header(source.substring("method.request.header.".length()));
            } else if (source.startsWith("method.request.querystring.")) {
                query = query == null ? request.multiQuery() : query;
                List<String> values = query.get(source.substring("method.request.querystring.".length()));
                value = values == null ? null : values.getFirst();
            } else if (source.startsWith("method.request.path.")) {
                value = match.pathParameters().get(source.substring("method.request.path.".length()));
            } else if (source.startsWith("stageVariables.")) {
                value = stageVariables.get(source.substring("stageVariables.".length()));
            } else {
                value = null;
            }
            if (value != null) {
                headers.put(p.getKey().substring(HEADER.length()), value);
            }
        }
        return headers;
    }

    /** A header of {@code headers} by case-insensitive name, or null. */
    static String find(Map<String, String> headers, String name) {
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }
}

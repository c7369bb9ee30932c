package dev.overtime.platform.appsync;

import dev.overtime.platform.function.FunctionDefinition;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A GraphQL API's URLs are known only once its port is bound, after the template is read. So a template's
 * {@code !GetAtt Api.GraphQLUrl}, {@code Api.RealtimeUrl}, {@code Api.GraphQLDns} and {@code Api.RealtimeDns}
 * resolve to tokens naming the API's id, which start replaces by the real values, in the environment variables of
 * functions in particular. A DNS token becomes the host and port of the matching URL.
 */
public final class GraphQlUrlTokens {

    private static final String PREFIX = "{{overtime-graphql-";
    private static final Pattern TOKEN =
            Pattern.compile("\\{\\{overtime-graphql-(url|realtime-url|dns|realtime-dns):([a-z0-9]+)}}");

    private GraphQlUrlTokens() {
    }

    /** The token standing for the {@code GraphQLUrl} of the API whose id is {@code apiId}. */
    public static String graphQlUrl(String apiId) {
        return token("url", apiId);
    }

    /** The token standing for the {@code RealtimeUrl} of the API whose id is {@code apiId}. */
    public static String realtimeUrl(String apiId) {
        return token("realtime-url", apiId);
    }

    /** The token standing for the {@code GraphQLDns} (host and port of the GraphQL URL). */
    public static String graphQlDns(String apiId) {
        return token("dns", apiId);
    }

    /** The token standing for the {@code RealtimeDns} (host and port of the real-time URL). */
    public static String realtimeDns(String apiId) {
        return token("realtime-dns", apiId);
    }

    public static boolean contains(String text) {
        return text != null && text.contains(PREFIX);
    }

    /**
     * {@code text} with every token replaced; a token whose function gives {@code null} (an API not served) stays.
     *
     * @param graphQlUrlOfApiId  the GraphQL URL of an API id, e.g. {@code http://localhost:4001/graphql}
     * @param realtimeUrlOfApiId the real-time URL of an API id, e.g. {@code ws://localhost:4001/graphql/realtime}
     */
    public static String replace(String text, Function<String, String> graphQlUrlOfApiId,
            Function<String, String> realtimeUrlOfApiId) {
        if (!contains(text)) {
            return text;
        }
        Matcher m = TOKEN.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String apiId = m.group(2);
            String value = switch (m.group(1)) {
                case "url" -> graphQlUrlOfApiId.apply(apiId);
                case "realtime-url" -> realtimeUrlOfApiId.apply(apiId);
                case "dns" -> authority(graphQlUrlOfApiId.apply(apiId));
                default -> authority(realtimeUrlOfApiId.apply(apiId));
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** {@code d} with the tokens in its environment variable values replaced, or {@code d} itself if it has none. */
    public static FunctionDefinition replaceIn(FunctionDefinition d, Function<String, String> graphQlUrlOfApiId,
            Function<String, String> realtimeUrlOfApiId) {
        if (d.environment().values().stream().noneMatch(GraphQlUrlTokens::contains)) {
            return d;
        }
        Map<String, String> environment = new LinkedHashMap<>();
        d.environment().forEach((key, value) ->
                environment.put(key, replace(value, graphQlUrlOfApiId, realtimeUrlOfApiId)));
        return new FunctionDefinition(d.logicalId(), d.name(), d.runtime(), d.handler(), d.code(), d.timeout(),
                d.memorySizeMb(), environment, d.reservedConcurrency(), d.description(), d.freeze(), d.layers(),
                d.ephemeralStorageMb());
    }

    private static String token(String kind, String apiId) {
        return PREFIX + kind + ":" + apiId + "}}";
    }

    private static String authority(String url) {
        return url == null ? null : URI.create(url).getRawAuthority();
    }
}

package dev.overtime.platform.appsync.realtime;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The auth headers an AppSync client connects with: the {@code header-<base64url JSON>} subprotocol
 * (Amplify v6, aws-appsync-subscription-link 4) or the documented {@code header=<base64 JSON>} query
 * parameter. Either alphabet is accepted in either place, with or without padding.
 */
sealed interface HandshakeAuth {

    String SUBPROTOCOL_PREFIX = "header-";

    /** Headers were given and decoded; names lower-cased. */
    record Given(Map<String, String> headers) implements HandshakeAuth { }

    /** No headers at all. */
    record Missing() implements HandshakeAuth { }

    /** Something was given that is not base64 of a JSON object. */
    record Malformed(String reason) implements HandshakeAuth { }

    static HandshakeAuth from(List<String> subprotocols, String headerParameter) {
        for (String offered : subprotocols) {
            if (offered.startsWith(SUBPROTOCOL_PREFIX)) {
                return decode(offered.substring(SUBPROTOCOL_PREFIX.length()), "the header- subprotocol");
            }
        }
        if (headerParameter != null) {
            return decode(headerParameter, "the header query parameter");
        }
        return new Missing();
    }

    private static HandshakeAuth decode(String encoded, String where) {
        byte[] bytes;
        try {
            String standard = encoded.strip().replace('-', '+').replace('_', '/').replace(' ', '+');
            bytes = Base64.getDecoder().decode(standard);
        } catch (IllegalArgumentException e) {
            return new Malformed(where + " is not base64");
        }
        return Json.object(new String(bytes, StandardCharsets.UTF_8))
                .<HandshakeAuth>map(node -> new Given(Json.headers(node)))
                .orElseGet(() -> new Malformed(where + " is not a base64-encoded JSON object"));
    }

    /** The headers to check, empty unless given. */
    default Map<String, String> headers() {
        return this instanceof Given given ? given.headers() : Map.of();
    }
}

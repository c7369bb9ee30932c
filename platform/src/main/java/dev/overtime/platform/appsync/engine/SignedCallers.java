package dev.overtime.platform.appsync.engine;

import dev.overtime.platform.appsync.realtime.StartRequest;
import dev.overtime.platform.security.RequestOrigin;

import java.util.Map;

/**
 * Who signed an {@code AWS_IAM} WebSocket step, once the signature holds (and, for a subscription, the
 * signer's policies allow it). Present only under {@code serve --auth iam}; without it, a SigV4 header is
 * taken at its word.
 */
public interface SignedCallers {

    /** The signer of a handshake's auth headers: SigV4 of {@code POST /graphql/connect} with body {@code {}}. */
    Caller connection(Map<String, String> authHeaders, RequestOrigin origin) throws Unauthorized;

    /**
     * The signer of a {@code start}: its {@code extensions.authorization} signs {@code POST /graphql} with
     * {@code payload.data} as the body, and {@code appsync:GraphQL} must be allowed on the field it subscribes to.
     */
    Caller subscription(StartRequest request) throws Unauthorized;
}

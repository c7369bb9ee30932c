package dev.overtime.platform.appsync;

import dev.overtime.platform.appsync.engine.Caller;
import dev.overtime.platform.appsync.engine.GraphQlRequest;
import dev.overtime.platform.appsync.engine.SignedCallers;
import dev.overtime.platform.appsync.engine.Unauthorized;
import dev.overtime.platform.appsync.realtime.StartRequest;
import dev.overtime.platform.security.AccessControl;
import dev.overtime.platform.security.AuthFailure;
import dev.overtime.platform.security.RequestOrigin;
import dev.overtime.platform.security.RequestedAction;
import dev.overtime.platform.security.sigv4.SignedRequest;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Request;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code AWS_IAM} callers of one API under {@code serve --auth iam}, as AppSync checks them: a {@code POST
 * /graphql} and each real-time {@code start} need {@code appsync:GraphQL} on every root field they run; a real-time
 * handshake is a signature of {@code POST /graphql/connect} over {@code {}}, which identifies the caller and asks
 * no policy. The caller becomes the resolvers' {@code $ctx.identity}.
 */
final class IamCallers implements SignedCallers {

    private static final String SERVICE = "appsync";
    private static final byte[] CONNECT_BODY = "{}".getBytes(StandardCharsets.UTF_8);

    private final AccessControl access;
    private final String apiArn;

    IamCallers(AccessControl access, String region, String accountId, String apiId) {
        this.access = access;
        this.apiArn = "arn:aws:appsync:" + region + ":" + accountId + ":apis/" + apiId;
    }

    /** The caller of a signed {@code POST /graphql} whose body, as read, is {@code body}. */
    Caller post(Request request, byte[] body, GraphQlRequest graphQl, Map<String, String> headers)
            throws AuthFailure {
        dev.overtime.platform.security.Caller signer = access.check(request, body,
                IamFieldActions.of(graphQl, apiArn), Map.of()).caller();
        return caller(signer, Request.getRemoteAddr(request), headers);
    }

    @Override
    public Caller connection(Map<String, String> authHeaders, RequestOrigin origin) throws Unauthorized {
        try {
            dev.overtime.platform.security.Caller signer = access.authenticate(
                    signed("/graphql/connect", authHeaders), CONNECT_BODY,
                    new RequestedAction("appsync:GraphQL", apiArn, SERVICE));
            return caller(signer, origin.sourceIp(), authHeaders);
        } catch (AuthFailure e) {
            throw new Unauthorized(e.getMessage());
        }
    }

    @Override
    public Caller subscription(StartRequest request) throws Unauthorized {
        if (request.authorization().isEmpty() || request.signedData() == null) {
            throw new Unauthorized("An AWS_IAM subscription carries its own signature in payload.extensions"
                    + ".authorization: SigV4 of POST /graphql over payload.data, a JSON string (AppSync's "
                    + "real-time protocol, at /graphql/realtime).");
        }
        GraphQlRequest graphQl = new GraphQlRequest(request.query(), request.variables(), request.operationName());
        try {
            dev.overtime.platform.security.Caller signer = access.check(signed("/graphql", request.authorization()),
                    request.signedData().getBytes(StandardCharsets.UTF_8), IamFieldActions.of(graphQl, apiArn),
                    request.origin(), Map.of()).caller();
            return caller(signer, request.origin().sourceIp(), request.authorization());
        } catch (AuthFailure e) {
            throw new Unauthorized(e.getMessage());
        }
    }

    /** A POST to {@code path} as the client signed it: the headers it sent in the message, host included. */
    private static SignedRequest signed(String path, Map<String, String> headers) {
        HttpFields.Mutable fields = HttpFields.build();
        headers.forEach(fields::add);
        return new SignedRequest("POST", path, null, fields);
    }

    private static Caller caller(dev.overtime.platform.security.Caller signer, String sourceIp,
                                 Map<String, String> headers) {
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("accountId", signer.accountId());
        identity.put("cognitoIdentityAuthProvider", null);
        identity.put("cognitoIdentityAuthType", null);
        identity.put("cognitoIdentityId", null);
        identity.put("cognitoIdentityPoolId", null);
        identity.put("sourceIp", List.of(sourceIp));
        identity.put("userArn", signer.userArn());
        identity.put("username", signer.userId());
        return new Caller(AuthMode.AWS_IAM, identity, headers);
    }
}

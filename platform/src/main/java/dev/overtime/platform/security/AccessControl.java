package dev.overtime.platform.security;

import dev.overtime.platform.security.iam.AccessRequest;
import dev.overtime.platform.security.iam.Decision;
import dev.overtime.platform.security.iam.Policy;
import dev.overtime.platform.security.sigv4.SignatureVerifier;
import dev.overtime.platform.security.sigv4.SignedRequest;
import dev.overtime.platform.security.sigv4.SigningSecret;
import org.eclipse.jetty.server.Request;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code serve --auth iam}: who signed a request (SigV4 against the iam file's keys), and whether their
 * policies, with the function's resource policy, allow what it asks. Every decision is logged.
 * CPU only: it runs inline on the selector thread that read the request.
 */
public final class AccessControl {

    /** An allowed request: its caller, and its body as the doors should read it. */
    public record Allowed(Caller caller, byte[] body) {
    }

    private final PrincipalDirectory principals;
    private final ResourcePolicies resourcePolicies;
    private final SignatureVerifier verifier;
    private final DecisionLog log;
    private final Clock clock;
    private final String region;

    public AccessControl(PrincipalDirectory principals, ResourcePolicies resourcePolicies, DecisionLog log,
                         Clock clock, String region) {
        this.principals = principals;
        this.resourcePolicies = resourcePolicies;
        this.log = log;
        this.clock = clock;
        this.region = region;
        this.verifier = new SignatureVerifier(clock, region);
    }

    /**
     * Reads the iam file and re-reads it every second on {@code timers} when it changed; notices and
     * decisions go to {@code console}.
     */
    public static AccessControl start(AuthSettings settings, String region, String accountId, PrintStream console,
                                      ScheduledExecutorService timers) throws IOException {
        PrincipalDirectory principals = PrincipalDirectory.open(settings.iamFile(), accountId,
                notice -> console.println("overtime: " + notice));
        timers.scheduleWithFixedDelay(principals::reloadIfChanged, 1, 1, TimeUnit.SECONDS);
        return new AccessControl(principals, ResourcePolicies.of(settings.permissions(), region, accountId),
                new DecisionLog(console), Clock.systemUTC(), region);
    }

    public PrincipalDirectory principals() {
        return principals;
    }

    /**
     * Checks {@code request} (whose body, as read from the wire, is {@code body}) for {@code action}, with
     * extra condition keys in {@code context} (lower-case names).
     */
    public Allowed check(Request request, byte[] body, RequestedAction action, Map<String, String> context)
            throws AuthFailure {
        return check(request, body, List.of(action), context);
    }

    /** As the single-action check, for a request that needs every one of {@code actions}. */
    public Allowed check(Request request, byte[] body, List<RequestedAction> actions, Map<String, String> context)
            throws AuthFailure {
        return check(new SignedRequest(request.getMethod(), request.getHttpURI().getPath(),
                request.getHttpURI().getQuery(), request.getHeaders()), body, actions, RequestOrigin.of(request),
                context);
    }

    /**
     * As the request check, for a request that did not arrive as HTTP: the signed headers a WebSocket client
     * sends inside its messages, with the origin of the socket's handshake.
     */
    public Allowed check(SignedRequest signed, byte[] body, List<RequestedAction> actions, RequestOrigin origin,
                         Map<String, String> context) throws AuthFailure {
        Signer signer = verify(signed, body, actions.getFirst());
        Map<String, String> keys = conditionKeys(origin, signer.principal(), context);
        for (RequestedAction action : actions) {
            authorize(signer.principal(), action, keys);
        }
        return new Allowed(Caller.of(signer.principal()), signer.body());
    }

    /**
     * Who signed {@code signed}, with no policy asked: for a step that only identifies its caller, such as a
     * WebSocket handshake whose messages are each authorized later. {@code step} names it in the log.
     */
    public Caller authenticate(SignedRequest signed, byte[] body, RequestedAction step) throws AuthFailure {
        Signer signer = verify(signed, body, step);
        log.authenticated(signer.principal(), step);
        return Caller.of(signer.principal());
    }

    /** Who signed, and the body as the doors should read it. */
    private record Signer(Principal principal, byte[] body) {
    }

    private Signer verify(SignedRequest signed, byte[] body, RequestedAction first) throws AuthFailure {
        SignatureVerifier.Verified verified;
        try {
            verified = verifier.verify(signed, body, this::secret);
            if (first.signingName() != null && !first.signingName().equals(verified.parts().service())) {
                throw new AuthFailure(AuthError.INVALID_SIGNATURE, "Credential should be scoped to correct service: '"
                        + first.signingName() + "'. ");
            }
        } catch (AuthFailure f) {
            log.denied("(unauthenticated)", first, f.error().code());
            throw f;
        }
        Principal principal = principals.byAccessKey(verified.parts().accessKeyId());
        if (principal == null) {
            // The file was re-read between the two lookups.
            log.denied("(unauthenticated)", first, AuthError.UNRECOGNIZED_CLIENT.code());
            throw AuthFailure.invalidToken();
        }
        return new Signer(principal, verified.body());
    }

    private void authorize(Principal principal, RequestedAction action, Map<String, String> keys) throws AuthFailure {
        AccessRequest question = new AccessRequest(principal.userArn(), action.action(), action.resource(), keys);
        Decision identity = Policy.evaluate(principal.policies(), question);
        Decision decision = identity == Decision.IMPLICIT_DENY ? resourcePolicies.evaluate(question) : identity;
        if (!decision.allowed()) {
            log.denied(principal.userArn(), action, decision.name());
            throw new AuthFailure(AuthError.ACCESS_DENIED, "User: " + principal.userArn()
                    + " is not authorized to perform: " + action.action() + " on resource: " + action.resource()
                    + (decision == Decision.EXPLICIT_DENY ? " with an explicit deny in an identity-based policy"
                    : " because no identity-based policy allows the " + action.action() + " action"));
        }
        log.allowed(principal, action);
    }

    private SigningSecret secret(String accessKeyId) {
        Principal principal = principals.byAccessKey(accessKeyId);
        return principal == null ? null : principal.secret();
    }

    private Map<String, String> conditionKeys(RequestOrigin origin, Principal principal, Map<String, String> extra) {
        Map<String, String> keys = new HashMap<>(32);
        Instant now = clock.instant();
        keys.put("aws:sourceip", origin.sourceIp());
        keys.put("aws:securetransport", Boolean.toString(origin.secure()));
        keys.put("aws:currenttime", now.toString());
        keys.put("aws:epochtime", Long.toString(now.getEpochSecond()));
        keys.put("aws:username", principal.name());
        keys.put("aws:userid", principal.userId());
        keys.put("aws:principalarn", principal.userArn());
        keys.put("aws:principalaccount", principal.accountId());
        keys.put("aws:principaltype", "User");
        keys.put("aws:requestedregion", region);
        if (origin.userAgent() != null) {
            keys.put("aws:useragent", origin.userAgent());
        }
        keys.putAll(extra);
        return keys;
    }
}

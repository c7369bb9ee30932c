package dev.overtime.platform.appsync.engine;

import dev.overtime.platform.appsync.realtime.RealtimeError;
import dev.overtime.platform.appsync.realtime.StartRequest;
import dev.overtime.platform.appsync.realtime.Subscription;
import dev.overtime.platform.appsync.realtime.SubscriptionGateway;
import dev.overtime.platform.appsync.realtime.SubscriptionRefused;
import dev.overtime.platform.appsync.realtime.SubscriptionSink;
import dev.overtime.platform.appsync.AuthMode;
import dev.overtime.platform.appsync.resolvers.FieldResolver;
import dev.overtime.platform.appsync.resolvers.ResolverContext;
import dev.overtime.platform.appsync.resolvers.ResolverError;
import dev.overtime.platform.appsync.subscriptions.EventFilter;
import dev.overtime.platform.appsync.subscriptions.PayloadProjection;
import dev.overtime.platform.security.RequestOrigin;
import graphql.ExecutionInput;
import graphql.ParseAndValidate;
import graphql.ParseAndValidateResult;
import graphql.language.Argument;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.schema.GraphQLFieldDefinition;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An API's subscriptions as the WebSocket protocols start them: the caller's credentials, the query parsed
 * and validated against the schema, the field's auth directives, its arguments as a filter, the
 * subscription resolver (run once, when the client subscribes, for its enhanced filter), and the replay the
 * client asks for in {@code extensions.replay.after}.
 */
public final class ApiSubscriptions implements SubscriptionGateway {

    private static final int MAX_PROJECTIONS = 1000;

    private final GraphQlEngine engine;
    private final RequestAuthenticator authenticator;
    private final SignedCallers signed;
    private final Map<String, PayloadProjection> projections = new ConcurrentHashMap<>();

    public ApiSubscriptions(GraphQlEngine engine, RequestAuthenticator authenticator) {
        this(engine, authenticator, null);
    }

    /** With {@code signed} (null when {@code --auth} is off) checking the signatures of {@code AWS_IAM} callers. */
    public ApiSubscriptions(GraphQlEngine engine, RequestAuthenticator authenticator, SignedCallers signed) {
        this.engine = engine;
        this.authenticator = authenticator;
        this.signed = signed;
    }

    public RequestAuthenticator authenticator() {
        return authenticator;
    }

    @Override
    public java.util.Optional<RealtimeError> connect(Map<String, String> authHeaders, RequestOrigin origin) {
        Map<String, String> headers = lowerCase(authHeaders);
        Caller caller;
        try {
            caller = authenticator.authenticate(headers, origin.sourceIp());
        } catch (Unauthorized e) {
            return java.util.Optional.of(RealtimeError.unauthorized());
        }
        if (signed != null && caller.mode() == AuthMode.AWS_IAM) {
            try {
                signed.connection(headers, origin);
            } catch (Unauthorized e) {
                return java.util.Optional.of(new RealtimeError("UnauthorizedException", 401, e.getMessage()));
            }
        }
        return java.util.Optional.empty();
    }

    @Override
    public Subscription start(StartRequest request, SubscriptionSink sink) throws SubscriptionRefused {
        Caller caller;
        try {
            caller = authenticator.authenticate(lowerCase(request.authorization().isEmpty()
                    ? request.connectionAuth() : request.authorization()), request.origin().sourceIp());
            if (signed != null && caller.mode() == AuthMode.AWS_IAM) {
                caller = signed.subscription(request);
            }
        } catch (Unauthorized e) {
            throw refused("UnauthorizedException", e.getMessage(), true);
        }
        if (request.query() == null || request.query().isBlank()) {
            throw refused("BadRequestException", "The subscription has no query.", false);
        }
        ExecutionInput.Builder input = ExecutionInput.newExecutionInput().query(request.query())
                .variables(request.variables());
        if (request.operationName() != null) {
            input.operationName(request.operationName());
        }
        ParseAndValidateResult parsed = ParseAndValidate.parseAndValidate(engine.schema().schema(), input.build());
        if (parsed.isFailure()) {
            throw new SubscriptionRefused(ResultJson.errors(parsed.getErrors()), false);
        }
        OperationDefinition operation = GraphQlEngine.operation(parsed.getDocument(), request.operationName());
        if (operation == null || operation.getOperation() != OperationDefinition.Operation.SUBSCRIPTION) {
            throw refused("BadRequestException", "Only subscription operations can be started over WebSocket.",
                    false);
        }
        List<Selection> roots = operation.getSelectionSet().getSelections();
        if (roots.size() != 1 || !(roots.getFirst() instanceof Field field)) {
            throw refused("BadRequestException", "A subscription selects exactly one field.", false);
        }
        ApiSchema schema = engine.schema();
        if (!schema.allowed(schema.subscriptionType(), field.getName()).contains(caller.mode())) {
            throw new SubscriptionRefused(List.of(ResultJson.error(AppSyncError.unauthorizedField(field.getName(),
                    schema.subscriptionType(), List.of(field.getSourceLocation()), List.of(field.getResultKey())))),
                    true);
        }
        Map<String, Object> arguments = new LinkedHashMap<>();
        for (Argument argument : field.getArguments()) {
            arguments.put(argument.getName(), Literals.value(argument.getValue(), request.variables()));
        }
        Map<String, Object> enhanced = subscriptionFilter(field, arguments, caller);
        GraphQLFieldDefinition definition = schema.schema().getSubscriptionType().getFieldDefinition(field.getName());
        PayloadProjection projection = projection(request, parsed, field, definition);
        return engine.hub().subscribe(field.getName(), new EventFilter(arguments, enhanced), projection, sink,
                replayAfter(request.extensions()));
    }

    private Map<String, Object> subscriptionFilter(Field field, Map<String, Object> arguments, Caller caller)
            throws SubscriptionRefused {
        FieldResolver resolver = engine.schema().subscriptionResolver(field.getName());
        if (resolver == null) {
            return null;
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("fieldName", field.getName());
        info.put("parentTypeName", engine.schema().subscriptionType());
        info.put("variables", Map.of());
        Map<String, Object> headers = new LinkedHashMap<>(caller.headers());
        ResolverContext ctx = new ResolverContext(new LinkedHashMap<>(arguments), caller.identity(), null,
                new LinkedHashMap<>(Map.of("headers", headers)), info, new LinkedHashMap<>());
        try {
            resolver.resolve(ctx, null).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                    ? c.getCause() : e.getCause();
            if (cause instanceof ResolverError error) {
                throw refused(error.errorType() == null ? "Error" : error.errorType(), error.getMessage(),
                        "Unauthorized".equals(error.errorType()));
            }
            throw refused("InternalFailure", String.valueOf(cause.getMessage()), false);
        } catch (TimeoutException e) {
            throw refused("ExecutionTimeout", "The subscription's resolver did not finish in 10 seconds.", false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw refused("InternalFailure", "interrupted", false);
        }
        return ctx.subscriptionFilter;
    }

    private PayloadProjection projection(StartRequest request, ParseAndValidateResult parsed, Field field,
                                         GraphQLFieldDefinition definition) {
        String key = request.query() + '\u0000' + request.operationName() + '\u0000' + request.variables();
        PayloadProjection known = projections.get(key);
        if (known != null) {
            return known;
        }
        Map<String, FragmentDefinition> fragments = new LinkedHashMap<>();
        parsed.getDocument().getDefinitionsOfType(FragmentDefinition.class).forEach(f -> fragments.put(f.getName(), f));
        PayloadProjection projection = new PayloadProjection(field, definition.getType(), fragments,
                request.variables());
        if (projections.size() >= MAX_PROJECTIONS) {
            projections.clear();
        }
        projections.put(key, projection);
        return projection;
    }

    /** {@code extensions.replay.after}: the last sequence number the client has; null for none asked. */
    static Long replayAfter(Map<String, Object> extensions) {
        if (extensions.get("replay") instanceof Map<?, ?> replay) {
            Object after = replay.get("after");
            if (after instanceof Number n) {
                return Math.max(0, n.longValue());
            }
            if (after instanceof String s && s.matches("\\d{1,18}")) {
                return Long.parseLong(s);
            }
            return 0L;
        }
        return null;
    }

    private static SubscriptionRefused refused(String errorType, String message, boolean unauthorized) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("errorType", errorType);
        error.put("message", message);
        return new SubscriptionRefused(List.of(error), unauthorized);
    }

    static Map<String, String> lowerCase(Map<String, String> headers) {
        Map<String, String> lower = new LinkedHashMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        return lower;
    }
}

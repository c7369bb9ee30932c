package dev.overtime.platform.appsync.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overtime.platform.appsync.GraphQlApiDefinition;
import dev.overtime.platform.appsync.subscriptions.SubscriptionHub;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.parser.Parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Runs one API's queries and mutations on graphql-java, and after a mutation publishes the result of each
 * of its fields that a subscription listens to ({@code @aws_subscribe}) to the API's {@link SubscriptionHub}.
 * A result larger than the payload limit is not published: the mutation's caller gets an error for it.
 */
public final class GraphQlEngine {

    private final GraphQlApiDefinition api;
    private final ApiSchema schema;
    private final GraphQL graphQL;
    private final DocumentCache documents = new DocumentCache();
    private final SubscriptionHub hub;
    private final ObjectMapper json = new ObjectMapper();

    public GraphQlEngine(GraphQlApiDefinition api, ApiSchema schema, SubscriptionHub hub) {
        this.api = api;
        this.schema = schema;
        this.hub = hub;
        this.graphQL = GraphQL.newGraphQL(schema.schema()).preparsedDocumentProvider(documents).build();
    }

    public GraphQlApiDefinition api() {
        return api;
    }

    public ApiSchema schema() {
        return schema;
    }

    public SubscriptionHub hub() {
        return hub;
    }

    /** Executes a query or mutation and completes with AppSync's response body. */
    public CompletableFuture<String> execute(GraphQlRequest request, Caller caller, Executor near) {
        if (request.query().contains("subscription") && isSubscription(request)) {
            return CompletableFuture.completedFuture(ResultJson.errorsOnly(List.of(new AppSyncError(
                    "Subscriptions are served over WebSocket: " + "/graphql/realtime (AppSync's real-time protocol) "
                            + "or /graphql (graphql-transport-ws).", "UnsupportedOperation", null, null, List.of(),
                    null))));
        }
        ExecutionInput.Builder input = ExecutionInput.newExecutionInput()
                .query(request.query())
                .variables(request.variables())
                .graphQLContext(b -> {
                    b.of(ResolverFetcher.CALLER, caller);
                    if (near != null) {
                        b.of(ResolverFetcher.NEAR, near);
                    }
                });
        if (request.operationName() != null) {
            input.operationName(request.operationName());
        }
        return graphQL.executeAsync(input.build()).thenApply(result -> ResultJson.write(afterExecution(request,
                result)));
    }

    private ExecutionResult afterExecution(GraphQlRequest request, ExecutionResult result) {
        if (!(result.getData() instanceof Map<?, ?> data) || data.isEmpty()) {
            return result;
        }
        OperationDefinition operation = operation(request);
        if (operation == null || operation.getOperation() != OperationDefinition.Operation.MUTATION) {
            return result;
        }
        List<GraphQLError> oversize = new ArrayList<>();
        for (Selection<?> selection : operation.getSelectionSet().getSelections()) {
            if (!(selection instanceof Field field) || !schema.publishes(field.getName())) {
                continue;
            }
            Object value = data.get(field.getResultKey());
            if (value == null || failed(result, field.getResultKey())) {
                continue;
            }
            byte[] bytes;
            try {
                bytes = json.writeValueAsBytes(value);
            } catch (JsonProcessingException e) {
                continue;
            }
            int limit = hub.settings().maxPayloadBytes();
            if (bytes.length > limit) {
                oversize.add(new AppSyncError("The subscription payload of " + field.getName() + " is " + bytes.length
                        + " bytes, more than the limit of " + limit + " bytes; it was not published to subscribers.",
                        "PayloadTooLargeException", null, null, List.of(field.getSourceLocation()),
                        List.of(field.getResultKey())));
                continue;
            }
            hub.publish(field.getName(), schema.subscriptionsOf(field.getName()), value, bytes.length);
        }
        if (oversize.isEmpty()) {
            return result;
        }
        return result.transform(b -> b.addErrors(oversize));
    }

    /** Whether the request runs a subscription; a query that does not parse is left to the engine's errors. */
    private static boolean isSubscription(GraphQlRequest request) {
        try {
            OperationDefinition operation = operation(Parser.parse(request.query()), request.operationName());
            return operation != null && operation.getOperation() == OperationDefinition.Operation.SUBSCRIPTION;
        } catch (graphql.parser.InvalidSyntaxException e) {
            return false;
        }
    }

    private static boolean failed(ExecutionResult result, String resultKey) {
        for (GraphQLError error : result.getErrors()) {
            if (error.getPath() != null && !error.getPath().isEmpty() && resultKey.equals(error.getPath().getFirst())) {
                return true;
            }
        }
        return false;
    }

    private OperationDefinition operation(GraphQlRequest request) {
        var entry = documents.find(request.query());
        Document document = entry != null && entry.getDocument() != null ? entry.getDocument()
                : Parser.parse(request.query());
        return operation(document, request.operationName());
    }

    static OperationDefinition operation(Document document, String operationName) {
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        if (operationName == null) {
            return operations.size() == 1 ? operations.getFirst() : null;
        }
        return operations.stream().filter(o -> operationName.equals(o.getName())).findFirst().orElse(null);
    }
}

package dev.overtime.platform.appsync.engine;

import dev.overtime.platform.appsync.resolvers.FieldResolver;
import dev.overtime.platform.appsync.resolvers.ResolverContext;
import dev.overtime.platform.appsync.resolvers.ResolverError;
import graphql.GraphQLError;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/** The data fetcher of a field with a resolver: AppSync's {@code ctx} from graphql-java's environment. */
final class ResolverFetcher implements DataFetcher<CompletableFuture<DataFetcherResult<Object>>> {

    static final String CALLER = "overtime.caller";
    static final String NEAR = "overtime.near";

    private final FieldResolver resolver;

    ResolverFetcher(FieldResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public CompletableFuture<DataFetcherResult<Object>> get(DataFetchingEnvironment env) {
        Caller caller = env.getGraphQlContext().get(CALLER);
        Executor near = env.getGraphQlContext().get(NEAR);
        ResolverContext ctx = context(env, caller);
        return resolver.resolve(ctx, near).handle((value, failed) -> {
            List<GraphQLError> errors = new ArrayList<>();
            for (Map<String, Object> appended : ctx.appendedErrors) {
                errors.add(new AppSyncError(String.valueOf(appended.get("message")),
                        (String) appended.get("errorType"), appended.get("data"), appended.get("errorInfo"),
                        List.of(env.getField().getSourceLocation()), env.getExecutionStepInfo().getPath().toList()));
            }
            if (failed != null) {
                Throwable cause = failed instanceof CompletionException && failed.getCause() != null
                        ? failed.getCause() : failed;
                errors.add(cause instanceof ResolverError e
                        ? new AppSyncError(e.getMessage(), e.errorType(), e.data(), e.errorInfo(),
                        List.of(env.getField().getSourceLocation()), env.getExecutionStepInfo().getPath().toList())
                        : new AppSyncError(String.valueOf(cause.getMessage()), "InternalFailure", null, null,
                        List.of(env.getField().getSourceLocation()), env.getExecutionStepInfo().getPath().toList()));
                return DataFetcherResult.newResult().data(null).errors(errors).build();
            }
            return DataFetcherResult.newResult().data(value).errors(errors).build();
        });
    }

    static ResolverContext context(DataFetchingEnvironment env, Caller caller) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("headers", caller == null ? Map.of() : new LinkedHashMap<>(caller.headers()));
        request.put("domainName", null);
        Map<String, Object> info = new FieldInfo(env);
        return new ResolverContext(new LinkedHashMap<>(env.getArguments()),
                caller == null ? null : caller.identity(), env.getSource(), request, info, new LinkedHashMap<>());
    }
}

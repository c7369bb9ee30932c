package dev.overtime.platform.appsync.engine;

import dev.overtime.platform.appsync.AuthMode;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;

import java.util.List;
import java.util.Set;

/**
 * A field whose auth directives do not allow every mode of the API: a caller in another mode gets null
 * and AppSync's {@code Unauthorized} error instead of the field's value.
 */
final class FieldAuthorization implements DataFetcher<Object> {

    private final Set<AuthMode> allowed;
    private final DataFetcher<?> inner;

    FieldAuthorization(Set<AuthMode> allowed, DataFetcher<?> inner) {
        this.allowed = allowed;
        this.inner = inner;
    }

    @Override
    public Object get(DataFetchingEnvironment env) throws Exception {
        Caller caller = env.getGraphQlContext().get(ResolverFetcher.CALLER);
        if (caller != null && !allowed.contains(caller.mode())) {
            return DataFetcherResult.newResult().data(null).errors(List.of(AppSyncError.unauthorizedField(
                    env.getField().getName(), ((graphql.schema.GraphQLObjectType) env.getParentType()).getName(),
                    List.of(env.getField().getSourceLocation()), env.getExecutionStepInfo().getPath().toList())))
                    .build();
        }
        return inner.get(env);
    }

    boolean allows(AuthMode mode) {
        return allowed.contains(mode);
    }
}

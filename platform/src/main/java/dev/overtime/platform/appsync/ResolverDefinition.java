package dev.overtime.platform.appsync;

import java.util.List;
import java.util.Objects;

/**
 * A resolver attached to one field ({@code AWS::AppSync::Resolver}).
 *
 * @param typeName     e.g. {@code Mutation}
 * @param fieldName    e.g. {@code ask}
 * @param dataSource   the data source's name for a UNIT resolver; null for a PIPELINE resolver
 * @param functionIds  the pipeline's function ids in order; empty for a UNIT resolver
 * @param code         the resolver's code (for a pipeline, its before and after steps)
 * @param maxBatchSize the largest BatchInvoke, 0 when the resolver does not batch
 */
public record ResolverDefinition(String typeName, String fieldName, String dataSource, List<String> functionIds,
                                 ResolverCode code, int maxBatchSize) {

    public ResolverDefinition {
        Objects.requireNonNull(typeName, "typeName");
        Objects.requireNonNull(fieldName, "fieldName");
        Objects.requireNonNull(code, "code");
        functionIds = List.copyOf(functionIds);
        if ((dataSource == null) == functionIds.isEmpty()) {
            throw new IllegalArgumentException("a resolver has either a data source (UNIT) or functions (PIPELINE)");
        }
    }

    public boolean isPipeline() {
        return dataSource == null;
    }
}

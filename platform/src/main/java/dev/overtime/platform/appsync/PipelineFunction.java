package dev.overtime.platform.appsync;

import java.util.Objects;

/**
 * A pipeline function ({@code AWS::AppSync::FunctionConfiguration}).
 *
 * @param id           its {@code FunctionId}, stable for the stack and logical id
 * @param name         its {@code Name}
 * @param dataSource   the data source's name
 * @param code         its code
 * @param maxBatchSize the largest BatchInvoke, 0 when it does not batch
 */
public record PipelineFunction(String id, String name, String dataSource, ResolverCode code, int maxBatchSize) {

    public PipelineFunction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(code, "code");
    }
}

package dev.overtime.platform.appsync.resolvers;

import dev.overtime.platform.appsync.DataSource;

/**
 * One step that reaches a data source: a UNIT resolver, or one function of a pipeline.
 *
 * @param code   its compiled code; null for a direct Lambda resolver
 * @param source its data source
 */
public record ResolverStep(ResolverCodeRunner code, DataSource source) {
}

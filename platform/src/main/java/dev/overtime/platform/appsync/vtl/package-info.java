/**
 * AppSync VTL resolvers: request and response mapping templates with AppSync's {@code $ctx}, {@code $util} and
 * {@code $extensions}. {@link dev.overtime.platform.appsync.vtl.VtlResolverCode} is the entry point.
 *
 * <p>Concurrency: templates are parsed once, at start, into one shared Velocity engine. Each run builds its own
 * Velocity context, {@code $util} and {@code $extensions} around the {@code ResolverContext} it is given, so runs
 * on many threads share nothing but what the caller shares (a pipeline's stash, passed from step to step on one
 * thread).
 * <pre>
 * [start]   compile(request, response, where) -> parse both templates (or fail naming where and line)
 * [thread]  request(ctx)  -> render -> JSON -> ToDataSource | #return -> EarlyReturn | $util.error -> ResolverError
 * [thread]  response(ctx) -> render -> JSON -> value        | #return -> value       | $util.error -> ResolverError
 * </pre>
 */
package dev.overtime.platform.appsync.vtl;

package dev.overtime.platform.appsync.resolvers;

/**
 * A compiled resolver or pipeline function in one language (VTL or {@code APPSYNC_JS}). Instances are
 * compiled once at start and are safe to call from many threads at once.
 */
public interface ResolverCodeRunner {

    /**
     * Runs the request handler (the request mapping template, or JS {@code request(ctx)}).
     *
     * @return the request for the data source, or an early return that skips it
     * @throws ResolverError when the code calls {@code util.error} or fails
     */
    RequestStep request(ResolverContext ctx) throws ResolverError;

    /**
     * Runs the response handler with {@code ctx.result} and {@code ctx.error} set.
     *
     * @return the field's value (or the step's result in a pipeline)
     * @throws ResolverError when the code calls {@code util.error} or fails
     */
    Object response(ResolverContext ctx) throws ResolverError;
}

package dev.overtime.platform.appsync.resolvers;

import dev.overtime.platform.appsync.DataSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Runs one field's resolver: a UNIT resolver's request handler, data source and response handler, or a
 * PIPELINE's before step, its functions in order (sharing the stash, each seeing the previous result)
 * and its after step. Completes with the field's value, or exceptionally with a {@link ResolverError}.
 */
public final class FieldResolver {

    private final ResolverStep unit;
    private final ResolverCodeRunner pipelineCode;
    private final List<ResolverStep> functions;
    private final DataSourceCalls calls;

    private FieldResolver(ResolverStep unit, ResolverCodeRunner pipelineCode, List<ResolverStep> functions,
                          DataSourceCalls calls) {
        this.unit = unit;
        this.pipelineCode = pipelineCode;
        this.functions = functions;
        this.calls = calls;
    }

    public static FieldResolver unit(ResolverStep step, DataSourceCalls calls) {
        return new FieldResolver(step, null, List.of(), calls);
    }

    public static FieldResolver pipeline(ResolverCodeRunner code, List<ResolverStep> functions, DataSourceCalls calls) {
        return new FieldResolver(null, code, List.copyOf(functions), calls);
    }

    public CompletableFuture<Object> resolve(ResolverContext ctx, Executor near) {
        if (unit != null) {
            return step(unit, ctx, near);
        }
        Object before;
        try {
            RequestStep start = pipelineCode == null ? new RequestStep.ToDataSource(null) : pipelineCode.request(ctx);
            if (start instanceof RequestStep.EarlyReturn early) {
                return CompletableFuture.completedFuture(early.value());
            }
            before = ((RequestStep.ToDataSource) start).request();
        } catch (ResolverError e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Object> chain = CompletableFuture.completedFuture(before);
        for (ResolverStep function : functions) {
            chain = chain.thenCompose(previous -> {
                ResolverContext stepCtx = new ResolverContext(ctx.arguments, ctx.identity, ctx.source, ctx.request,
                        ctx.info, ctx.stash);
                stepCtx.prevResult = previous;
                return step(function, stepCtx, near).whenComplete((r, t) -> carryOver(stepCtx, ctx));
            });
        }
        return chain.thenApply(last -> {
            ctx.prevResult = last;
            ctx.result = last;
            if (pipelineCode == null) {
                return last;
            }
            try {
                return pipelineCode.response(ctx);
            } catch (ResolverError e) {
                throw new CompletionException(e);
            }
        });
    }

    /** What a function reported that the field as a whole reports. */
    private static void carryOver(ResolverContext step, ResolverContext field) {
        field.appendedErrors.addAll(step.appendedErrors);
        if (step.subscriptionFilter != null) {
            field.subscriptionFilter = step.subscriptionFilter;
        }
        if (step.invalidationFilter != null) {
            field.invalidationFilter = step.invalidationFilter;
        }
        field.invalidations.addAll(step.invalidations);
    }

    private CompletableFuture<Object> step(ResolverStep step, ResolverContext ctx, Executor near) {
        Object request;
        if (step.code() == null) {
            request = directRequest(ctx);
        } else {
            try {
                RequestStep produced = step.code().request(ctx);
                if (produced instanceof RequestStep.EarlyReturn early) {
                    return CompletableFuture.completedFuture(early.value());
                }
                request = ((RequestStep.ToDataSource) produced).request();
            } catch (ResolverError e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return calls.call(step.source(), request, near).thenApply(outcome -> {
            ctx.result = outcome.result();
            ctx.error = outcome.error();
            try {
                if (step.code() == null) {
                    if (outcome.error() != null) {
                        throw new ResolverError(String.valueOf(outcome.error().get("message")),
                                String.valueOf(outcome.error().get("type")), null, null);
                    }
                    return outcome.result();
                }
                return step.code().response(ctx);
            } catch (ResolverError e) {
                throw new CompletionException(e);
            }
        });
    }

    /** A direct Lambda resolver's event: the whole context, as AppSync sends it without a request handler. */
    static Map<String, Object> directRequest(ResolverContext ctx) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("arguments", ctx.arguments);
        event.put("identity", ctx.identity);
        event.put("source", ctx.source);
        event.put("request", ctx.request);
        event.put("info", ctx.info);
        event.put("prev", ctx.prevResult == null ? null : Map.of("result", ctx.prevResult));
        event.put("stash", ctx.stash);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("operation", "Invoke");
        request.put("payload", event);
        return request;
    }

    /** Whether the step reaches a Lambda function without code (a direct resolver). */
    static boolean isDirect(ResolverStep step) {
        return step.code() == null && step.source() instanceof DataSource.Lambda;
    }
}

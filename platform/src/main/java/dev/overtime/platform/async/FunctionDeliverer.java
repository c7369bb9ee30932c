package dev.overtime.platform.async;

import dev.overtime.platform.environment.ConcurrencyLimitExceeded;
import dev.overtime.platform.function.DeployedFunction;
import dev.overtime.platform.function.FunctionVersion;
import dev.overtime.platform.invocation.FunctionErrors;
import dev.overtime.platform.invocation.Invocation;
import dev.overtime.platform.invocation.InvocationOutcome;
import dev.overtime.platform.invocation.InvocationRequest;
import dev.overtime.platform.invocation.TraceIds;

import java.util.concurrent.CompletableFuture;

/** Runs an event on the function's environments, sharing its concurrency with synchronous callers. */
final class FunctionDeliverer implements Deliverer {

    private final DeployedFunction function;
    private final String arn;

    FunctionDeliverer(DeployedFunction function, String arn) {
        this.function = function;
        this.arn = arn;
    }

    @Override
    public CompletableFuture<AttemptResult> attempt(QueuedEvent event) {
        FunctionVersion version = function.latest();
        Invocation invocation = new Invocation(event.id(), new InvocationRequest(function.name(), arn,
                event.payload(), event.clientContext(), null, TraceIds.forRequest(event.id()), false));
        try {
            version.pool().submit(invocation);
        } catch (ConcurrencyLimitExceeded e) {
            return CompletableFuture.completedFuture(new AttemptResult.Deferred(throttled(e.reason())));
        }
        return invocation.outcome()
                .thenCompose(outcome -> outcome instanceof InvocationOutcome.Streamed s
                        ? s.stream().collect(FunctionErrors.MAX_PAYLOAD_BYTES)
                        : CompletableFuture.completedFuture(outcome))
                .thenApply(FunctionDeliverer::result);
    }

    private static AttemptResult result(InvocationOutcome outcome) {
        return switch (outcome) {
            case InvocationOutcome.Response r -> new AttemptResult.Succeeded(r.body());
            case InvocationOutcome.Failure f -> new AttemptResult.FunctionFailed(f.errorType(), f.body());
            case InvocationOutcome.Throttled t -> new AttemptResult.Deferred(throttled(t.reason()));
            case InvocationOutcome.Streamed s -> throw new IllegalStateException("streams are collected first");
        };
    }

    private static String throttled(String reason) {
        return "TooManyRequestsException: Rate Exceeded. (" + reason + ")";
    }

    @Override
    public int concurrency() {
        return function.latest().pool().concurrencyLimit();
    }
}

package dev.overtime.platform.async;

import dev.overtime.platform.environment.ConcurrencyLimitExceeded;
import dev.overtime.platform.function.DeployedFunction;
import dev.overtime.platform.function.FunctionVersion;
import dev.overtime.platform.invocation.FunctionErrors;
import dev.overtime.platform.invocation.Invocation;
import dev.overtime.platform.invocation.InvocationOutcome;
import dev.overtime.platform.invocation.InvocationRequest;
import dev.overtime.platform.invocation.TraceIds;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * Runs an event on the function's environments, sharing its concurrency with synchronous callers.
 *
 * <p>Every attempt resolves the event's qualifier afresh, as a synchronous invoke would at that
 * moment: an alias runs the version it points at now (a weighted one chooses per attempt). An alias
 * or version deleted since the event was accepted fails the attempt with a
 * {@code ResourceNotFoundException} error, which is retried and goes down the failure path like a
 * function error: the alias may come back within the retries, and if it does not, the event ends up
 * dead (redrivable) with an OnFailure record rather than silently dropped.
 */
final class FunctionDeliverer implements Deliverer {

    static final String NOT_FOUND = "ResourceNotFoundException";

    private final DeployedFunction function;
    private final String arn;

    /** @param arn the function's unqualified ARN */
    FunctionDeliverer(DeployedFunction function, String arn) {
        this.function = function;
        this.arn = arn;
    }

    @Override
    public CompletableFuture<AttemptResult> attempt(QueuedEvent event) {
        String invokedArn = invokedArn(arn, event.qualifier());
        FunctionVersion version = function.resolve(event.qualifier());
        if (version == null) {
            byte[] error = ("{\"errorType\":\"" + NOT_FOUND + "\",\"errorMessage\":\"Function not found: "
                    + invokedArn + "\"}").getBytes(StandardCharsets.UTF_8);
            return CompletableFuture.completedFuture(new AttemptResult.FunctionFailed(NOT_FOUND, error, null));
        }
        Invocation invocation = new Invocation(event.id(), new InvocationRequest(function.name(), invokedArn,
                event.payload(), event.clientContext(), null, TraceIds.forRequest(event.id()), false));
        try {
            version.pool().submit(invocation);
        } catch (ConcurrencyLimitExceeded e) {
            return CompletableFuture.completedFuture(new AttemptResult.Deferred(throttled(e.reason())));
        }
        String ran = version.version();
        return invocation.outcome()
                .thenCompose(outcome -> outcome instanceof InvocationOutcome.Streamed s
                        ? s.stream().collect(FunctionErrors.MAX_PAYLOAD_BYTES)
                        : CompletableFuture.completedFuture(outcome))
                .thenApply(outcome -> result(outcome, ran));
    }

    /** The ARN a caller invoked: {@code arn}, with {@code :qualifier} when it named one. */
    static String invokedArn(String arn, String qualifier) {
        return qualifier == null ? arn : arn + ":" + qualifier;
    }

    private static AttemptResult result(InvocationOutcome outcome, String ran) {
        return switch (outcome) {
            case InvocationOutcome.Response r -> new AttemptResult.Succeeded(r.body(), ran);
            case InvocationOutcome.Failure f -> new AttemptResult.FunctionFailed(f.errorType(), f.body(), ran);
            case InvocationOutcome.Throttled t -> new AttemptResult.Deferred(throttled(t.reason()));
            case InvocationOutcome.Streamed s -> throw new IllegalStateException("streams are collected first");
        };
    }

    private static String throttled(String reason) {
        return "TooManyRequestsException: Rate Exceeded. (" + reason + ")";
    }

    /** Shared by every version: the function's concurrency limit is one for all of them. */
    @Override
    public int concurrency() {
        return function.latest().pool().concurrencyLimit();
    }
}

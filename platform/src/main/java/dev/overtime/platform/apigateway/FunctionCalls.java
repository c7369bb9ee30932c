package dev.overtime.platform.apigateway;

import dev.overtime.platform.async.AsyncInvocations;
import dev.overtime.platform.environment.ConcurrencyLimitExceeded;
import dev.overtime.platform.function.DeployedFunction;
import dev.overtime.platform.function.FunctionRegistry;
import dev.overtime.platform.function.FunctionTarget;
import dev.overtime.platform.function.FunctionVersion;
import dev.overtime.platform.invocation.FunctionErrors;
import dev.overtime.platform.invocation.Invocation;
import dev.overtime.platform.invocation.InvocationOutcome;
import dev.overtime.platform.invocation.InvocationRequest;
import dev.overtime.platform.invocation.TraceIds;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * How an integration calls its function: through the same invocation lifecycle as the Invoke API
 * (synchronous, the function's concurrency, its versions and aliases), or as a durable Event invoke
 * through the same queue, retries and destinations.
 */
public final class FunctionCalls {

    /** What a synchronous call ended with. */
    public sealed interface Result {
        record Answered(byte[] payload, String executedVersion) implements Result {
        }

        record Failed(byte[] errorPayload) implements Result {
        }

        record Streamed(dev.overtime.platform.invocation.StreamedResponse stream) implements Result {
        }

        record Throttled() implements Result {
        }

        record TimedOut() implements Result {
        }
    }

    private final FunctionRegistry functions;
    private final AsyncInvocations async;

    public FunctionCalls(FunctionRegistry functions, AsyncInvocations async) {
        this.functions = functions;
        this.async = async;
    }

    /** The function and qualifier an integration names; it must exist (the template was checked). */
    public FunctionTarget target(Integration integration) {
        DeployedFunction function = functions.find(integration.functionName()).orElseThrow(() ->
                new IllegalStateException("the integration names " + integration.functionName()
                        + ", which is not served"));
        return new FunctionTarget(function, integration.qualifier());
    }

    /**
     * Runs the function and completes with its result, or {@code TimedOut} after {@code timeout}
     * (the function itself goes on to its own timeout, as behind API Gateway).
     *
     * @param keepStream whether a streamed response is relayed as a stream rather than collected
     */
    public CompletableFuture<Result> call(FunctionTarget target, String requestId, byte[] payload, Duration timeout,
                                          boolean keepStream, java.util.concurrent.Executor near) {
        FunctionVersion version = target.version();
        if (version == null) {
            // The integration's alias or version was deleted: Lambda's 404, which API Gateway answers with a 5XX.
            return CompletableFuture.completedFuture(new Result.Failed(("{\"errorType\":\"ResourceNotFoundException\","
                    + "\"errorMessage\":\"Function not found: " + target.invokedArn() + "\"}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        Invocation invocation = new Invocation(requestId, new InvocationRequest(target.name(), target.invokedArn(),
                payload, null, null, TraceIds.forRequest(requestId), false));
        try {
            version.pool().submit(invocation, near);
        } catch (ConcurrencyLimitExceeded e) {
            return CompletableFuture.completedFuture(new Result.Throttled());
        }
        CompletableFuture<Result> result = invocation.outcome().thenCompose(outcome -> switch (outcome) {
            case InvocationOutcome.Streamed s when keepStream ->
                    CompletableFuture.completedFuture(new Result.Streamed(s.stream()));
            case InvocationOutcome.Streamed s -> s.stream().collect(FunctionErrors.MAX_PAYLOAD_BYTES)
                    .thenApply(collected -> result(collected, version));
            default -> CompletableFuture.completedFuture(result(outcome, version));
        });
        return result.copy().completeOnTimeout(new Result.TimedOut(), timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Queues a durable Event invoke; completes once the event is on disk. */
    public CompletableFuture<Void> enqueue(FunctionTarget target, String requestId, byte[] payload) {
        return async.accept(requestId, target.name(), target.qualifier(), payload, null);
    }

    private static Result result(InvocationOutcome outcome, FunctionVersion version) {
        return switch (outcome) {
            case InvocationOutcome.Response r -> new Result.Answered(r.body(), version.version());
            case InvocationOutcome.Failure f -> new Result.Failed(f.body());
            case InvocationOutcome.Throttled t -> new Result.Throttled();
            case InvocationOutcome.Streamed s -> throw new IllegalStateException("streams are collected first");
        };
    }
}

package dev.overtime.platform.apigateway;

import dev.overtime.platform.function.FunctionTarget;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A proxy ({@code aws_proxy}) integration: the whole request becomes the event (payload format 1.0,
 * or 2.0 for HTTP APIs that ask for it), and the function's answer is mapped back by
 * {@link ProxyResponses}. An integration request header {@code X-Amz-Invocation-Type: Event} (from
 * {@code requestParameters}) queues a durable Event invoke instead and answers 202 at once.
 */
final class ProxyIntegration {

    private final FunctionCalls calls;

    ProxyIntegration(FunctionCalls calls) {
        this.calls = calls;
    }

    CompletableFuture<ApiResponse> run(ApiDefinition api, RouteTable.Match match, ApiRequest request,
                                       RequestFacts facts) {
        Integration integration = match.route().integration();
        boolean v2 = api.kind() == ApiKind.HTTP && integration.payloadFormatVersion().equals("2.0");
        byte[] event = v2 ? ProxyEvents.v2(api, match, request, facts) : ProxyEvents.v1(api, match, request, facts);
        FunctionTarget target = calls.target(integration);
        Map<String, String> headers = IntegrationParameters.headers(integration, match, request, api.stageVariables());
        if ("Event".equalsIgnoreCase(IntegrationParameters.find(headers, "X-Amz-Invocation-Type"))) {
            return calls.enqueue(target, facts.requestId(), event)
                    .thenApply(accepted -> new ApiResponse(202, List.of(Map.entry("Content-Type", "application/json")),
                            new byte[0]))
                    .exceptionally(failed -> ProxyResponses.failure(api.kind()));
        }
        return calls.call(target, facts.requestId(), event, integration.timeout(), true, request.selector()).thenApply(result ->
                switch (result) {
                    case FunctionCalls.Result.Answered a ->
                            ProxyResponses.map(api.kind(), integration.payloadFormatVersion(), a.payload());
                    case FunctionCalls.Result.Failed f -> ProxyResponses.failure(api.kind());
                    case FunctionCalls.Result.Throttled t ->
                            ApiResponse.message(429, "Too Many Requests", "TooManyRequestsException");
                    case FunctionCalls.Result.TimedOut t -> ApiResponse.message(504, "Endpoint request timed out", null);
                    case FunctionCalls.Result.Streamed s -> ApiResponse.streamed(s.stream());
                });
    }
}

package dev.overtime.runtime;

import java.io.Closeable;
import java.io.IOException;

/**
 * The Lambda Runtime API (version 2018-06-01) over one keep-alive {@link HttpConnection}.
 * Not thread-safe: each runtime loop thread owns one, so each has its own connection.
 */
final class RuntimeApiClient implements Closeable {

    static final String ERROR_TYPE_HEADER = "Lambda-Runtime-Function-Error-Type";
    private static final String ERROR_CONTENT_TYPE = "application/vnd.aws.lambda.error+json";
    private static final String BASE = "/2018-06-01/runtime/";
    private static final String USER_AGENT = "overtime-runtime-java/" + System.getProperty("java.version");
    private static final String[] NEXT_HEADERS = {"User-Agent", USER_AGENT};
    private static final String[] RESPONSE_HEADERS = {"User-Agent", USER_AGENT};

    private final HttpConnection http;
    /** {@code GET /next}, the same bytes every time. */
    private final HttpConnection.Prepared nextRequest;

    /** @param runtimeApi the {@code AWS_LAMBDA_RUNTIME_API} value, {@code host:port} */
    RuntimeApiClient(String runtimeApi) {
        this.http = new HttpConnection(runtimeApi);
        this.nextRequest = http.prepare("GET", BASE + "invocation/next", NEXT_HEADERS);
    }

    /** Blocks until the platform hands over the next event. Any status but 200 is thrown. */
    InvocationRequest next() throws IOException {
        return toInvocation(http.send(nextRequest));
    }

    /**
     * Posts the handler's result and asks for the next event in the same write, then blocks until
     * that event arrives. A refused response (4xx) goes to {@code onRefused}; the loop goes on as
     * it would after a separate post. Only for a handler that has completely finished: asking for
     * the next event tells the platform this environment is free.
     */
    InvocationRequest postResponseThenNext(String requestId, byte[] body, int length,
                                           java.util.function.Consumer<RuntimeApiException> onRefused) throws IOException {
        String path = BASE + "invocation/" + requestId + "/response";
        HttpConnection.Response posted = http.sendWithFollowUp("POST", path, RESPONSE_HEADERS, body, 0, length,
                nextRequest);
        if (posted.status != 202) {
            RuntimeApiException refused = new RuntimeApiException("POST " + path, posted.status, posted.bodyText());
            if (!refused.isClientError()) {
                throw refused;
            }
            onRefused.accept(refused);
        }
        return toInvocation(http.readFollowUp());
    }

    private static InvocationRequest toInvocation(HttpConnection.Response r) throws IOException {
        if (r.status != 200) {
            throw new RuntimeApiException("GET /runtime/invocation/next", r.status, r.bodyText());
        }
        String requestId = r.header("Lambda-Runtime-Aws-Request-Id");
        if (requestId == null || requestId.isEmpty()) {
            throw new IOException("GET /runtime/invocation/next answered without Lambda-Runtime-Aws-Request-Id");
        }
        return new InvocationRequest(
                requestId,
                parseLong(r.header("Lambda-Runtime-Deadline-Ms")),
                r.header("Lambda-Runtime-Invoked-Function-Arn"),
                r.header("Lambda-Runtime-Trace-Id"),
                r.header("Lambda-Runtime-Client-Context"),
                r.header("Lambda-Runtime-Cognito-Identity"),
                r.header("Lambda-Runtime-Aws-Tenant-Id"),
                r.body);
    }

    /** Posts the handler's result; the platform answers 202. */
    void postResponse(String requestId, byte[] body, int length) throws IOException {
        String path = BASE + "invocation/" + requestId + "/response";
        expectAccepted("POST " + path, http.send("POST", path, RESPONSE_HEADERS, body, 0, length));
    }

    /** The trailers a streamed response announces, for an error after its first byte. */
    static final String ERROR_BODY_TRAILER = "Lambda-Runtime-Function-Error-Body";

    /**
     * Starts a streamed response: {@code POST .../response} with chunked encoding, announcing the
     * error trailers. Nothing else may use this client until the returned body is finished.
     */
    HttpConnection.ChunkedBody startStreamingResponse(String requestId, String contentType) throws IOException {
        String path = BASE + "invocation/" + requestId + "/response";
        String[] headers = {
            "User-Agent", USER_AGENT,
            "Lambda-Runtime-Function-Response-Mode", "streaming",
            "Content-Type", contentType,
        };
        return http.sendChunked("POST", path, headers, ERROR_TYPE_HEADER + ", " + ERROR_BODY_TRAILER);
    }

    /** Checks the platform's answer to a finished streamed response. */
    static void expectStreamAccepted(String requestId, HttpConnection.Response r) throws RuntimeApiException {
        expectAccepted("POST " + BASE + "invocation/" + requestId + "/response", r);
    }

    /** Posts a function error for one invocation. */
    void postError(String requestId, String errorType, byte[] errorJson) throws IOException {
        String path = BASE + "invocation/" + requestId + "/error";
        expectAccepted("POST " + path, http.send("POST", path, errorHeaders(errorType), errorJson, 0, errorJson.length));
    }

    /** Reports that initialization failed; the runtime exits afterwards. */
    void postInitError(String errorType, byte[] errorJson) throws IOException {
        String path = BASE + "init/error";
        expectAccepted("POST " + path, http.send("POST", path, errorHeaders(errorType), errorJson, 0, errorJson.length));
    }

    @Override
    public void close() {
        http.close();
    }

    private static String[] errorHeaders(String errorType) {
        return new String[] {
            "User-Agent", USER_AGENT,
            "Content-Type", ERROR_CONTENT_TYPE,
            ERROR_TYPE_HEADER, errorType,
        };
    }

    private static void expectAccepted(String request, HttpConnection.Response r) throws RuntimeApiException {
        if (r.status != 202) {
            throw new RuntimeApiException(request, r.status, r.bodyText());
        }
    }

    private static long parseLong(String value) {
        if (value == null) {
            return 0;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

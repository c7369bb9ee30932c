package dev.overtime.webadapter;

import java.io.OutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The Runtime API (2018-06-01) as the adapter uses it, over one keep-alive connection. One per
 * invoke loop; not thread-safe.
 */
final class RuntimeApi implements RuntimeClient {

        private static final String BASE = "/2018-06-01/runtime/";
    private static final String USER_AGENT = "overtime-web-adapter/" + System.getProperty("java.version");

    private final String authority;
    private final Http1Connection http;
    private final byte[] nextRequest;

    RuntimeApi(String authority) {
        this.authority = authority;
        this.http = Http1Connection.to(authority);
        this.nextRequest = head("GET", "invocation/next").end(-1).toBytes();
    }

    /** Blocks until the next event. */
    @Override
    public RuntimeEvent next() throws IOException {
        Http1Connection.Head h = head("GET", "invocation/next").end(-1);
        return toInvocation(http.send(h, null, 0, 0, null, 0));
    }

    /**
     * Posts a buffered response and asks for the next event in the same write, then blocks until
     * that event arrives. A refused response (4xx, e.g. too large) is reported and the loop goes on.
     */
    @Override
    public RuntimeEvent respondThenNext(String requestId, byte[] body) throws IOException {
        Http1Connection.Head h = head("POST", "invocation/" + requestId + "/response")
                .header("Content-Type", "application/json").end(body.length);
        Http1Connection.Response posted = http.send(h, body, 0, body.length, nextRequest, 0);
        byte[] answer = posted.readBody();
        if (posted.status != 202) {
            Log.warn("POST /response for " + requestId + " answered " + posted.status + ": "
                    + new String(answer, StandardCharsets.UTF_8));
        }
        return toInvocation(http.readResponse(0));
    }

    /** Fails one invocation. */
    @Override
    public void error(String requestId, String errorType, String message) throws IOException {
        byte[] json = RuntimeClient.errorBody(errorType, message);
        Http1Connection.Head h = head("POST", "invocation/" + requestId + "/error")
                .header("Content-Type", "application/vnd.aws.lambda.error+json")
                .header(ERROR_TYPE_HEADER, errorType).end(json.length);
        expectAccepted(http.send(h, json, 0, json.length, null, 0));
    }

    /** Reports a failed initialization; the adapter exits afterwards. */
    void initError(String errorType, String message) throws IOException {
        byte[] json = RuntimeClient.errorBody(errorType, message);
        Http1Connection.Head h = new Http1Connection.Head("POST", BASE + "init/error")
                .header("Host", authority).header("User-Agent", USER_AGENT)
                .header("Content-Type", "application/vnd.aws.lambda.error+json")
                .header(ERROR_TYPE_HEADER, errorType).end(json.length);
        expectAccepted(http.send(h, json, 0, json.length, null, 0));
    }

    /**
     * Starts a streamed response in the HTTP integration format, announcing the error trailers.
     * Nothing else may use this client until the body is finished.
     */
    @Override
    public OutputStream startStream(String requestId) throws IOException {
        Http1Connection.Head h = head("POST", "invocation/" + requestId + "/response")
                .header("Lambda-Runtime-Function-Response-Mode", "streaming")
                .header("Content-Type", STREAMING_CONTENT_TYPE)
                .header("Trailer", ERROR_TYPE_HEADER + ", " + ERROR_BODY_TRAILER)
                .end(-2);
        return http.sendChunked(h);
    }

    /**
     * Ends a streamed response (with error trailers when {@code trailers} names them) and asks for the next
     * event in the same write, then blocks until that event arrives.
     */
    @Override
    public RuntimeEvent finishStreamThenNext(String requestId, OutputStream stream, String... trailers)
            throws IOException {
        Http1Connection.ChunkedBody out = (Http1Connection.ChunkedBody) stream;
        try {
            expectAccepted(out.finishThen(nextRequest, trailers));
        } catch (IOException e) {
            if (!http.isOpen()) {
                throw e;
            }
            Log.warn("streamed response for " + requestId + ": " + e.getMessage());
        }
        return toInvocation(http.readResponse(0));
    }

    /** Checks the answer to a finished stream. */
    static void expectAccepted(Http1Connection.Response r) throws IOException {
        byte[] body = r.readBody();
        if (r.status != 202) {
            throw new IOException("Runtime API answered " + r.status + ": " + new String(body, StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() {
        http.close();
    }

    private Http1Connection.Head head(String method, String path) {
        return new Http1Connection.Head(method, BASE + path).header("Host", authority).header("User-Agent", USER_AGENT);
    }

    private static RuntimeEvent toInvocation(Http1Connection.Response r) throws IOException {
        byte[] body = r.readBody();
        if (r.status != 200) {
            throw new IOException("GET /next answered " + r.status + ": " + new String(body, StandardCharsets.UTF_8));
        }
        String id = r.header("Lambda-Runtime-Aws-Request-Id");
        if (id == null || id.isEmpty()) {
            throw new IOException("GET /next answered without Lambda-Runtime-Aws-Request-Id");
        }
        long deadline = 0;
        String d = r.header("Lambda-Runtime-Deadline-Ms");
        if (d != null) {
            try {
                deadline = Long.parseLong(d.trim());
            } catch (NumberFormatException ignored) {
                // no deadline then
            }
        }
        return new RuntimeEvent(id, deadline, r.header("Lambda-Runtime-Invoked-Function-Arn"),
                r.header("Lambda-Runtime-Trace-Id"), r.header("Lambda-Runtime-Client-Context"),
                r.header("Lambda-Runtime-Cognito-Identity"), r.header("Lambda-Runtime-Aws-Tenant-Id"), body);
    }
}

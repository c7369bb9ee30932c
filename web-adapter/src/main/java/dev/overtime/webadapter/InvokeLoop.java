package dev.overtime.webadapter;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One invoke loop: takes an event from the Runtime API, sends it to the app as an HTTP request,
 * and answers with the app's response. It owns one connection to the Runtime API and one
 * keep-alive connection to the app, so loops never share a socket.
 *
 * <pre>
 * [loop] GET /next ----> event -> request -> app -> response --+--> POST /response + GET /next (one write)
 *                                                              +--> streamed: chunked POST /response, then GET /next
 *                                                              +--> failure:  POST /error, then GET /next
 * </pre>
 */
final class InvokeLoop implements Runnable {

    /** Error types of failed invocations, in Lambda's {@code Category.Reason} form. */
    static final String APP_UNREACHABLE = "WebAdapter.AppUnreachable";
    static final String APP_TIMEOUT = "WebAdapter.AppTimeout";
    static final String APP_FAILED = "WebAdapter.AppConnectionFailed";
    static final String ERROR_STATUS = "WebAdapter.ErrorStatusCode";
    static final String INVALID_EVENT = "WebAdapter.InvalidEvent";
    static final String STREAM_ERROR = "Runtime.StreamError";

    private static final int CONNECT_TIMEOUT_MILLIS = 2000;

    private final AdapterConfig config;
    private final EventRequests requests;
    private final AppReadiness readiness;
    private final RuntimeClient api;
    private final Http1Connection app;
    private final String appHost;
    private final byte[] relay = new byte[16384];

    InvokeLoop(AdapterConfig config, EventRequests requests, AppReadiness readiness, RuntimeClient api) {
        this.config = config;
        this.requests = requests;
        this.readiness = readiness;
        this.api = api;
        this.app = new Http1Connection(config.host(), config.port(), CONNECT_TIMEOUT_MILLIS);
        this.appHost = config.host() + ":" + config.port();
    }

    /** Serves invocations until the Runtime API goes away. */
    @Override
    public void run() {
        try {
            RuntimeEvent next = api.next();
            while (true) {
                next = handle(next);
            }
        } catch (IOException e) {
            Log.info("Runtime API connection ended: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            api.close();
            app.close();
        }
    }

    /** Answers one invocation and returns the next. */
    RuntimeEvent handle(RuntimeEvent invocation) throws IOException, InterruptedException {
        readiness.awaitFirstInvoke();
        String id = invocation.requestId();
        AppRequest request;
        try {
            request = requests.toRequest(invocation);
        } catch (RuntimeException e) {
            return fail(id, INVALID_EVENT, "the event is not JSON: " + e.getMessage());
        }
        Http1Connection.Response response;
        try {
            response = send(request, invocation.deadlineMs());
        } catch (ConnectException e) {
            return fail(id, APP_UNREACHABLE, "the web app at " + appHost + " refused the connection: " + e.getMessage());
        } catch (SocketTimeoutException e) {
            return fail(id, APP_TIMEOUT, "the web app at " + appHost + " did not answer before the deadline");
        } catch (IOException e) {
            return fail(id, APP_FAILED, "the request to the web app at " + appHost + " failed: " + e);
        }
        try {
            if (config.errorStatusCodes() != null && config.errorStatusCodes().get(response.status)) {
                byte[] body = response.readBody();
                StringBuilder message = new StringBuilder("{\"statusCode\":").append(response.status).append(",\"body\":");
                Json.quote(message, new String(body, StandardCharsets.UTF_8)).append('}');
                return fail(id, ERROR_STATUS, message.toString());
            }
            if (config.streaming()) {
                return stream(id, response);
            }
            return api.respondThenNext(id, buffered(request, response));
        } catch (SocketTimeoutException e) {
            return fail(id, APP_TIMEOUT, "the web app at " + appHost + " did not finish its response before the deadline");
        } catch (AppBodyException e) {
            return fail(id, APP_FAILED, "reading the web app's response failed: " + e.getCause());
        }
    }

    private Http1Connection.Response send(AppRequest request, long deadlineMs) throws IOException {
        Http1Connection.Head head = new Http1Connection.Head(request.method(), request.target());
        List<String> headers = request.headers();
        boolean hasHost = false;
        for (int i = 0; i + 1 < headers.size(); i += 2) {
            String name = headers.get(i);
            hasHost |= name.equalsIgnoreCase("host");
            head.header(name, headers.get(i + 1));
        }
        if (!hasHost) {
            head.header("Host", appHost);
        }
        byte[] body = request.body();
        boolean bodiless = body.length == 0 && (request.method().equals("GET") || request.method().equals("HEAD"));
        head.end(bodiless ? -1 : body.length);
        Http1Connection.Response r = app.send(head, body, 0, body.length, null, readTimeout(deadlineMs));
        r.headRequest = request.method().equals("HEAD");
        if (r.headRequest) {
            r.body.end();
        }
        return r;
    }

    /** What is left of the invocation's time, at least 1 ms; no limit without a deadline. */
    private static int readTimeout(long deadlineMs) {
        if (deadlineMs <= 0) {
            return 0;
        }
        long left = deadlineMs - System.currentTimeMillis();
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, left));
    }

    private byte[] buffered(AppRequest request, Http1Connection.Response response) throws IOException {
        byte[] body = readAppBody(response);
        String[] headers = response.headers;
        if (config.compression()) {
            String encoding = Compression.choose(request.header("accept-encoding"), headers, body.length);
            if (encoding != null) {
                body = Compression.compress(encoding, body);
                headers = Compression.encodedHeaders(headers, encoding, body.length);
            }
        }
        return LambdaResponses.buffered(request.kind(), response.status, headers, body);
    }

    /**
     * Relays the app's response as it arrives: the prelude, then each read of the app's body as
     * one chunk, so a Server-Sent Event leaves as soon as the app has written it. A failure after
     * the prelude is reported in the error trailers.
     */
    private RuntimeEvent stream(String id, Http1Connection.Response response) throws IOException {
        java.io.OutputStream out = api.startStream(id);
        out.write(LambdaResponses.prelude(response.status, response.headers));
        String errorType = null;
        String errorMessage = null;
        while (true) {
            int n;
            try {
                if (!response.body.done && response.body.available() == 0) {
                    // The next read may wait for the app: what it has sent so far leaves now. A body read to
                    // its end leaves with the stream's end instead.
                    out.flush();
                }
                n = response.body.read(relay, 0, relay.length);
            } catch (IOException e) {
                errorType = STREAM_ERROR;
                errorMessage = "reading the web app's response failed: " + e;
                break;
            }
            if (n < 0) {
                break;
            }
            out.write(relay, 0, n);
        }
        if (errorType == null) {
            return api.finishStreamThenNext(id, out);
        }
        String body = java.util.Base64.getEncoder().encodeToString(RuntimeClient.errorBody(errorType, errorMessage));
        return api.finishStreamThenNext(id, out, RuntimeClient.ERROR_TYPE_HEADER, errorType,
                RuntimeClient.ERROR_BODY_TRAILER, body);
    }

    private static byte[] readAppBody(Http1Connection.Response response) throws IOException {
        try {
            return response.readBody();
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException e) {
            throw new AppBodyException(e);
        }
    }

    private RuntimeEvent fail(String id, String type, String message) throws IOException {
        Log.warn(id + " " + type + ": " + message);
        try {
            api.error(id, type, message);
        } catch (IOException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("Runtime API answered")) {
                throw e;
            }
            Log.warn("POST /error for " + id + ": " + e.getMessage());
        }
        return api.next();
    }

    /** The app's body failed midway: the app's fault, not the Runtime API's. */
    private static final class AppBodyException extends IOException {
        AppBodyException(IOException cause) {
            super(cause);
        }
    }
}

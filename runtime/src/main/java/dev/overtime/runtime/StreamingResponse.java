package dev.overtime.runtime;

import dev.overtime.lambda.ResponseStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link ResponseStream} over the Runtime API's streaming response: {@code POST .../response}
 * with {@code Lambda-Runtime-Function-Response-Mode: streaming}, a chunked body with one chunk per
 * write, and {@code Lambda-Runtime-Function-Error-*} trailers for an error after the first byte.
 *
 * <p>The request starts at the first write (or when the response ends), since its head carries the
 * content type. For an HTTP-integration response the body starts with the JSON prelude and eight
 * NUL bytes. Failures of the Runtime API are not the handler's business beyond the exception a
 * write throws: they are recorded for {@link RuntimeLoop}, which decides after the handler returned.
 */
final class StreamingResponse extends ResponseStream {

    static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";
    static final String HTTP_INTEGRATION_TYPE = "application/vnd.awslambda.http-integration-response";
    private static final int PRELUDE_SEPARATOR_LENGTH = 8;

    /** Reports a failure before the request started as a function error ({@code /error}). */
    interface ErrorPoster {
        void post(String requestId, Throwable failure) throws IOException;
    }

    private final RuntimeApiClient api;
    private final String requestId;
    private final RuntimeLogger logger;
    private final ErrorPoster errorPoster;

    private String contentType;
    private boolean httpIntegration;
    private int statusCode = 200;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final List<String> cookies = new ArrayList<>();

    /** Null until the request starts. */
    private HttpConnection.ChunkedBody body;
    private boolean preludeSent;
    private boolean ended;
    /** The Runtime API connection broke; the runtime must exit. */
    private IOException lost;
    /** The platform refused the response. */
    private RuntimeApiException refused;

    StreamingResponse(RuntimeApiClient api, String requestId, RuntimeLogger logger, ErrorPoster errorPoster) {
        this.api = api;
        this.requestId = requestId;
        this.logger = logger;
        this.errorPoster = errorPoster;
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        checkWritable();
        if (len == 0) {
            // A zero-length chunk would end the body.
            return;
        }
        try {
            start();
            sendPrelude();
            body.write(b, off, len);
            body.flush();
        } catch (IOException e) {
            throw lose(e);
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        checkWritable();
    }

    @Override
    public synchronized void setContentType(String contentType) {
        checkHead("the content type");
        this.contentType = Objects.requireNonNull(contentType, "contentType");
    }

    @Override
    public synchronized void setStatusCode(int statusCode) {
        checkHead("the status code");
        if (statusCode < 100 || statusCode > 999) {
            throw new IllegalArgumentException("Not an HTTP status code: " + statusCode);
        }
        this.statusCode = statusCode;
        httpIntegration = true;
    }

    @Override
    public synchronized void setHeader(String name, String value) {
        checkHead("header " + name);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        httpIntegration = true;
        if (name.equalsIgnoreCase("Set-Cookie")) {
            cookies.add(value);
            return;
        }
        for (Iterator<String> it = headers.keySet().iterator(); it.hasNext(); ) {
            if (it.next().equalsIgnoreCase(name)) {
                it.remove();
            }
        }
        headers.put(name, value);
    }

    @Override
    public synchronized void addCookie(String cookie) {
        checkHead("a cookie");
        cookies.add(Objects.requireNonNull(cookie, "cookie"));
        httpIntegration = true;
    }

    @Override
    public synchronized void close() throws IOException {
        if (ended) {
            return;
        }
        ended = true;
        try {
            start();
            sendPrelude();
            accept(body.finish(new String[0]));
        } catch (IOException e) {
            throw lose(e);
        }
    }

    @Override
    public synchronized void fail(Throwable error) throws IOException {
        Objects.requireNonNull(error, "error");
        if (ended) {
            throw new IllegalStateException("The response has already ended (closed or failed)");
        }
        ended = true;
        try {
            if (body == null) {
                // Nothing sent yet: an ordinary function error, as for any other handler.
                errorPoster.post(requestId, error);
                return;
            }
            byte[] json = ErrorReport.fromThrowable(error);
            String type = error.getClass().getName();
            logger.log(ErrorReport.logText(ErrorReport.messageOf(error), type, error));
            accept(body.finish(new String[] {
                RuntimeApiClient.ERROR_TYPE_HEADER, type,
                RuntimeApiClient.ERROR_BODY_TRAILER, Base64.getEncoder().encodeToString(json),
            }));
        } catch (RuntimeApiException e) {
            refused = e;
        } catch (IOException e) {
            throw lose(e);
        }
    }

    /** Whether the response has ended: closed, failed, or its connection lost. */
    synchronized boolean ended() {
        return ended;
    }

    synchronized IOException lost() {
        return lost;
    }

    synchronized RuntimeApiException refused() {
        return refused;
    }

    private void start() throws IOException {
        if (body == null) {
            String type = httpIntegration ? HTTP_INTEGRATION_TYPE : contentType != null ? contentType : DEFAULT_CONTENT_TYPE;
            body = api.startStreamingResponse(requestId, type);
        }
    }

    private void sendPrelude() throws IOException {
        if (httpIntegration && !preludeSent) {
            preludeSent = true;
            byte[] prelude = prelude();
            // Not flushed: it leaves with the first body bytes, in one chunk when they fit.
            body.write(prelude, 0, prelude.length);
        }
    }

    /** {@code {"statusCode":..,"headers":{..},"cookies":[..]}} followed by eight NUL bytes. */
    byte[] prelude() {
        StringBuilder sb = new StringBuilder(128).append("{\"statusCode\":").append(statusCode).append(",\"headers\":{");
        boolean first = true;
        boolean hasContentType = false;
        for (Map.Entry<String, String> h : headers.entrySet()) {
            hasContentType |= h.getKey().equalsIgnoreCase("Content-Type");
            if (!first) {
                sb.append(',');
            }
            first = false;
            Json.quote(sb, h.getKey()).append(':');
            Json.quote(sb, h.getValue());
        }
        if (!hasContentType && contentType != null) {
            if (!first) {
                sb.append(',');
            }
            Json.quote(sb, "Content-Type").append(':');
            Json.quote(sb, contentType);
        }
        sb.append("},\"cookies\":[");
        for (int i = 0; i < cookies.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            Json.quote(sb, cookies.get(i));
        }
        byte[] json = sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        byte[] prelude = new byte[json.length + PRELUDE_SEPARATOR_LENGTH];
        System.arraycopy(json, 0, prelude, 0, json.length);
        return prelude;
    }

    private void accept(HttpConnection.Response r) {
        try {
            RuntimeApiClient.expectStreamAccepted(requestId, r);
        } catch (RuntimeApiException e) {
            refused = e;
        }
    }

    private IOException lose(IOException e) {
        ended = true;
        if (lost == null) {
            lost = e;
        }
        return e;
    }

    private void checkWritable() throws IOException {
        if (ended) {
            throw new IOException("The response has already ended (closed or failed); nothing more can be written",
                    lost);
        }
    }

    private void checkHead(String what) {
        if (ended) {
            throw new IllegalStateException("Cannot set " + what + ": the response has already ended");
        }
        if (body != null) {
            throw new IllegalStateException("Cannot set " + what
                    + " after the first write: the response's head has already been sent");
        }
    }
}

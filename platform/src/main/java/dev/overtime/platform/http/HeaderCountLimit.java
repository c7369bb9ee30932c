package dev.overtime.platform.http;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Refuses a request with more header fields than {@link PortLimits#maxRequestHeaders()} with 431,
 * rendered by the server's {@link JsonErrorHandler}. Jetty bounds the head's bytes, not its fields;
 * a door that walks every header (API Gateway's events, a Function URL's) then does bounded work.
 */
public final class HeaderCountLimit extends Handler.Wrapper {

    private final int max;

    public HeaderCountLimit(int max, Handler handler) {
        super(handler);
        this.max = max;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (request.getHeaders().size() > max) {
            Response.writeError(request, response, callback, HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431,
                    "more than " + max + " header fields");
            return true;
        }
        return super.handle(request, response, callback);
    }
}

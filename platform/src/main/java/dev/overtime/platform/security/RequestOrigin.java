package dev.overtime.platform.security;

import org.eclipse.jetty.server.Request;

/**
 * Where a request came from, for the condition keys a policy may test ({@code aws:SourceIp},
 * {@code aws:SecureTransport}, {@code aws:UserAgent}). A WebSocket keeps its handshake's origin for every
 * message signed on it later.
 */
public record RequestOrigin(String sourceIp, boolean secure, String userAgent) {

    public static RequestOrigin of(Request request) {
        return new RequestOrigin(Request.getRemoteAddr(request), request.isSecure(),
                request.getHeaders().get("User-Agent"));
    }
}

package dev.overtime.platform.http;

import org.eclipse.jetty.http.HttpFields;

/**
 * A request body read whole, with the HTTP trailers that followed it (empty when there were none).
 *
 * @param bytes    the body, or the part of it that fit under the limit
 * @param size     the full size of the body as sent
 * @param trailers trailer fields of a chunked body
 */
public record Body(byte[] bytes, long size, HttpFields trailers) {
    public boolean exceeded(long limit) {
        return size > limit;
    }
}

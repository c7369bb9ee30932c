package dev.overtime.platform.security.sigv4;

import org.eclipse.jetty.http.HttpFields;

import java.util.List;

/**
 * The parts of an HTTP request that a SigV4 signature covers, as they arrived: the raw (still
 * percent-encoded) path and query, not the normalised path the doors route on.
 */
public record SignedRequest(String method, String rawPath, String rawQuery, HttpFields headers) {

    List<QueryParameter> query() {
        return QueryParameter.parse(rawQuery);
    }
}

package dev.overtime.webadapter;

import java.util.Map;

/** Where an event came from, which decides both how it becomes a request and the response's shape. */
enum EventKind {
    /** Function URL or HTTP API, payload format 2.0. */
    HTTP_V2,
    /** API Gateway REST API (and HTTP API payload 1.0), or a WebSocket API. */
    HTTP_V1,
    /** Application Load Balancer target group. */
    ALB,
    /** Anything else: POSTed to the pass-through path as it is; the app's body is the result. */
    PASS_THROUGH;

    static EventKind of(Object event) {
        if (!(event instanceof Map<?, ?> m)) {
            return PASS_THROUGH;
        }
        Object context = m.get("requestContext");
        if (context instanceof Map<?, ?> c) {
            if (c.get("elb") instanceof Map) {
                return ALB;
            }
            if (c.get("http") instanceof Map<?, ?> http && http.get("method") != null && m.get("rawPath") != null) {
                return HTTP_V2;
            }
            if (m.get("httpMethod") != null || c.get("routeKey") != null && c.get("connectionId") != null) {
                return HTTP_V1;
            }
        }
        return PASS_THROUGH;
    }
}

package dev.overtime.platform.apigateway;

/** The two kinds of API Gateway API that invoke Lambda functions. */
public enum ApiKind {
    /** A REST API (API Gateway v1): stages in the path, proxy and non-proxy integrations, validation, VTL. */
    REST,
    /** An HTTP API (API Gateway v2): proxy integrations only, payload 1.0 or 2.0, usually a {@code $default} stage. */
    HTTP
}

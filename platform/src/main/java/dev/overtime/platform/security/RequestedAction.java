package dev.overtime.platform.security;

/**
 * What a request asks to do, in IAM's terms.
 *
 * @param action      e.g. {@code lambda:InvokeFunction}
 * @param resource    the ARN of what the request reaches, or {@code *}
 * @param signingName the service a signature must be scoped to ({@code lambda}, {@code apigateway},
 *                    {@code appsync}); null when any is accepted
 */
public record RequestedAction(String action, String resource, String signingName) {
}

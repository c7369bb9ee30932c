package dev.overtime.platform.apigateway.validation;

/**
 * One way a body breaks its model.
 *
 * @param pointer the JSON pointer of the offending value ({@code ""} for the root). For a missing required
 *                member or a member the model does not allow, it names that member: {@code /meta/clientRequestId}.
 * @param message what is wrong, for logs and {@code $context.error.validationErrorString}
 */
public record Violation(String pointer, String message) {
}

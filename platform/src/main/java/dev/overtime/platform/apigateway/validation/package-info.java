/**
 * API Gateway's basic request validation (REST APIs): a body against the method's model (JSON Schema draft 4,
 * with {@code $ref}s between an API's models resolved locally, {@code format} not asserted) and the method's
 * required parameters (present and not blank). The door renders failures as API Gateway does: 400
 * {@code {"message": "Invalid request body"}} and 400
 * {@code {"message": "Missing required request parameters: [X-Api-Version]"}}.
 *
 * <p>A {@link dev.overtime.platform.apigateway.validation.RequestValidator} compiles an API's models once and is
 * then read-only, so one instance serves every request to that API.
 */
package dev.overtime.platform.apigateway.validation;

/**
 * Overtime's handler API beyond aws-lambda-java-core: {@link dev.overtime.lambda.StreamingHandler},
 * a handler whose {@link dev.overtime.lambda.ResponseStream response} reaches the caller as it is
 * written (Lambda response streaming). Compile against the runtime jar with {@code provided} scope.
 */
package dev.overtime.lambda;

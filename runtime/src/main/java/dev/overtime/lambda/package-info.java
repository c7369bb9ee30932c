/**
 * Overtime's handler API beyond aws-lambda-java-core: {@link dev.overtime.lambda.StreamingHandler},
 * a handler whose {@link dev.overtime.lambda.ResponseStream response} reaches the caller as it is
 * written (Lambda response streaming); {@link dev.overtime.lambda.AfterResponse}, work that runs after
 * the response, before the environment takes its next event; and
 * {@link dev.overtime.lambda.AsyncHandoff}, an asynchronous invoke of another function; and
 * {@link dev.overtime.lambda.InternalExtension}, an internal Lambda extension whose work holds the
 * environment after each response. Compile
 * against the runtime jar with {@code provided} scope.
 */
package dev.overtime.lambda;

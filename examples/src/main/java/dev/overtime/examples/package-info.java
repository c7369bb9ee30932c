/**
 * Example functions. {@link dev.overtime.examples.Hello} converts JSON to and from a map,
 * {@link dev.overtime.examples.HelloBean} to and from beans, {@link dev.overtime.examples.Echo}
 * streams bytes through untouched, and {@link dev.overtime.examples.Fail} throws to show a
 * function error: plain aws-lambda-java-core, so the jar deploys to AWS Lambda unchanged. {@link dev.overtime.examples.Countdown} streams its
 * response with Overtime's {@code dev.overtime.lambda.StreamingHandler}, which AWS's own Java
 * runtime cannot do; on AWS it runs with Overtime's Java runtime as a {@code provided.al2023}
 * custom runtime.
 */
package dev.overtime.examples;

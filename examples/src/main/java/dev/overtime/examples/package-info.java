/**
 * Example functions written against plain aws-lambda-java-core: the same jar deploys to AWS Lambda
 * unchanged. {@link dev.overtime.examples.Hello} converts JSON to and from a map,
 * {@link dev.overtime.examples.Echo} streams bytes through untouched, and
 * {@link dev.overtime.examples.Fail} throws to show a function error.
 */
package dev.overtime.examples;

/**
 * Publishing to a GraphQL API in AppSync's shape from a function: {@link dev.overtime.lambda.appsync.ChunkPublisher}
 * sends a stream of chunks (an LLM's tokens, a long task's progress) as plain GraphQL mutations over
 * HTTP, one at a time and in order, each with its sequence number, the last one marked done. It works
 * the same against Overtime and AWS AppSync, with the API's key or SigV4 ({@code appsync}).
 *
 * <pre>
 * [handler thread]  stream.send("Hel") ──POST──▶ answered ──▶ stream.send("lo") ──POST──▶ ... ──▶ finish()
 *                          │ connection error / 5xx / 429: back off, same chunk again
 * </pre>
 *
 * Everything here runs on the calling thread; nothing is loaded until a function uses it.
 */
package dev.overtime.lambda.appsync;

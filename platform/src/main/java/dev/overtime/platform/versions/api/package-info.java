/**
 * The Lambda API operations on versions, aliases, {@code $LATEST}'s configuration and code, and
 * provisioned concurrency: {@link dev.overtime.platform.versions.api.VersionsApiDoor} parses and routes,
 * one class per family of operations calls {@link dev.overtime.platform.function.DeployedFunction}
 * and renders AWS's documents.
 *
 * <p>Reads answer where they arrive. Changes leave the selector, because the core writes each one to
 * the data folder before it returns and may copy, unzip-check or hash code:
 * <pre>
 * [selector]  route ─ find function ─ read body (non-blocking) ─┐
 * [virtual]                                                     └ parse JSON ─ check ─ DeployedFunction.x() ─ write answer
 * </pre>
 * The answer is written from the virtual thread; Jetty takes a response's write from any thread.
 */
package dev.overtime.platform.versions.api;

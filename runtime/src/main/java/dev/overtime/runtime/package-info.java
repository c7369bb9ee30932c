/**
 * The function-side Java runtime: runs aws-lambda-java-core handlers against the Lambda Runtime API.
 *
 * <p>Entry points: {@link dev.overtime.runtime.Main}, the runtime, and
 * {@link dev.overtime.runtime.Training}, a training run for a JVM class-data archive (CDS or AOT
 * cache) that takes Jackson's class loading out of cold starts. Everything else is package-private.
 *
 * <h2>Timeline of one process</h2>
 * <pre>
 *  main thread                                    platform (Runtime API)
 *  ───────────                                    ──────────────────────
 *  JVM start, stdout/stderr → UTF-8
 *  read env (FunctionConfig), install logger
 *  class loader: taskRoot/, taskRoot/lib/*.jar, /opt/java/lib/*.jar
 *  Class.forName(handler class)  ── static init
 *  resolve handler shape, new instance  ── constructor
 *  POJO handler: look up a CustomPojoSerializer; build AWS's serializers
 *                (Jackson) unless FastJson covers the type
 *     │ any failure above:
 *     └─ POST /runtime/init/error ─────────────────▶ 202;  exit(1)
 *  ┌▶ GET /runtime/invocation/next ────────────────▶ (long poll, no timeout)
 *  │                                ◀──────────────── 200 + event + Lambda-Runtime-* headers
 *  │  set system properties com.amazonaws.xray.traceHeader and _X_AMZN_TRACE_ID
 *  │  handler.handle(event bytes → response buffer, context)
 *  │  ok:     POST /runtime/invocation/{id}/response ▶ 202
 *  │  thrown: POST /runtime/invocation/{id}/error ──▶ 202
 *  │          (OutOfMemoryError and other VM errors: exit(1) after reporting)
 *  └─ 4xx on a POST: logged, loop goes on; 5xx or lost connection anywhere: exit(1)
 * </pre>
 *
 * <p>After a successful buffered response the {@code POST .../response} and the next
 * {@code GET .../next} leave in one write (pipelined). A {@link dev.overtime.lambda.StreamingHandler}
 * instead streams {@code POST .../response} (chunked, {@code Lambda-Runtime-Function-Response-Mode:
 * streaming}, one chunk per write, error trailers) while it runs, and {@code /next} is asked for
 * separately once the handler has returned, since it may keep working after closing its response.
 *
 * <p>With {@code AWS_LAMBDA_MAX_CONCURRENCY=N} (N &gt; 1) init is the same; then N daemon threads run
 * the loop above side by side, each with its own keep-alive connection, while the main thread
 * waits for the first of them to stop and exits with its status. The handler instance is shared, as
 * on AWS, and must be thread-safe; the trace system property is not set, since one JVM-wide value
 * cannot describe N concurrent invocations ({@code context.getXrayTraceId()} still can).
 *
 * <h2>Pieces</h2>
 * <ul>
 *   <li>{@code HttpConnection}: HTTP/1.1 over a plain socket (keep-alive, chunked both ways,
 *       request trailers for response streaming).</li>
 *   <li>{@code RuntimeApiClient}, {@code InvocationRequest}: the Runtime API wire protocol.</li>
 *   <li>{@code HandlerLoader}, {@code Handler}, {@code PojoHandler}, {@code Serialization}: AWS's
 *       handler and conversion rules.</li>
 *   <li>{@code FastJson}: AWS's Jackson results for {@code String} and {@code Map<String, Object>}
 *       without loading Jackson; declines anything it is not certain about.</li>
 *   <li>{@code InvocationContext}, {@code RuntimeLogger}: what handlers see.</li>
 *   <li>{@code RuntimeLoop}, {@code ErrorReport}: the loop and the error bodies.</li>
 *   <li>{@code StreamingResponse}: the {@link dev.overtime.lambda.ResponseStream} of a streaming
 *       handler, over the streaming Runtime API protocol.</li>
 * </ul>
 */
package dev.overtime.runtime;

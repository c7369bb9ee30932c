/**
 * {@code APPSYNC_JS} resolvers and pipeline functions on Mozilla Rhino; {@link
 * dev.overtime.platform.appsync.js.JsResolverCode} is the entry point.
 *
 * <p>Threads: compilation happens once, at start. Each call then runs on the caller's thread:
 * <pre>
 * [start]   compile: module -> script (imports, exports rewritten) -> Rhino Script (immutable, shared)
 * [thread]  enter a fresh engine Context -> new scope over the sealed shared library -> run the script's top
 *           level -> copy ResolverContext into ctx -> request(ctx)/response(ctx) -> copy the result and stash out
 * </pre>
 * Nothing a script can write is shared between calls: the standard library and {@code @aws-appsync/utils} are
 * sealed, and the functions of {@code util} find their call through the thread's engine Context.
 */
package dev.overtime.platform.appsync.js;

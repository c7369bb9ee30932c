/**
 * Overtime's web adapter: an unchanged web app as a function, configured like AWS Lambda Web
 * Adapter (LWA), whose source it follows for names, defaults and wire shapes.
 *
 * <h2>Launch contract</h2>
 * {@code java -cp overtime-web-adapter.jar dev.overtime.webadapter.Main}, as the external
 * extension {@code lambda-adapter} (registered for no events), with the function's environment
 * and {@code AWS_LAMBDA_RUNTIME_API}. It reads {@code AWS_LWA_PORT} (then {@code PORT}, default
 * 8080), {@code AWS_LWA_HOST}, {@code AWS_LWA_READINESS_CHECK_PATH|PORT|PROTOCOL|HEALTHY_STATUS}
 * (and {@code _MIN_UNHEALTHY_STATUS}), {@code AWS_LWA_ASYNC_INIT}, {@code AWS_LWA_REMOVE_BASE_PATH},
 * {@code AWS_LWA_PASS_THROUGH_PATH}, {@code AWS_LWA_INVOKE_MODE}, {@code AWS_LWA_ENABLE_COMPRESSION},
 * {@code AWS_LWA_AUTHORIZATION_SOURCE}, {@code AWS_LWA_ERROR_STATUS_CODES},
 * {@code AWS_LWA_LAMBDA_RUNTIME_API_PROXY}, {@code AWS_LAMBDA_MAX_CONCURRENCY} and the
 * {@code AWS_LAMBDA_FUNCTION_*} / {@code AWS_LAMBDA_LOG_*} values for {@code x-amzn-lambda-context}.
 * See {@link dev.overtime.webadapter.AdapterConfig}.
 *
 * <h2>Threads</h2>
 * <pre>
 * [main]      register ---- readiness every 10 ms ----+ (async init: at most 9.8 s)
 * [extension]     +-- GET event/next (parked for the environment's life)
 * [loop i]                                            +-- GET /next -> app -> POST /response + GET /next -> ...
 * </pre>
 * One loop by default; {@code AWS_LAMBDA_MAX_CONCURRENCY=N} starts N, each with its own Runtime
 * API connection and its own keep-alive connection to the app. With async init, the first invoke
 * of any loop finishes the readiness check while the others wait for it.
 */
package dev.overtime.webadapter;

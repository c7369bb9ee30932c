package dev.overtime.webadapter;

import java.util.BitSet;
import java.util.Locale;
import java.util.Map;

/**
 * The adapter's configuration, read from the same environment variables as AWS Lambda Web
 * Adapter, with its names and defaults (LWA 1.x; the older unprefixed names are accepted where LWA
 * still accepts them).
 *
 * @param host where the app listens ({@code AWS_LWA_HOST}, default 127.0.0.1)
 * @param port the app's port ({@code AWS_LWA_PORT}, then {@code PORT}, default 8080)
 * @param readinessPort {@code AWS_LWA_READINESS_CHECK_PORT}, default {@code port}
 * @param readinessPath {@code AWS_LWA_READINESS_CHECK_PATH}, default {@code /}
 * @param readinessTcp {@code AWS_LWA_READINESS_CHECK_PROTOCOL} is {@code tcp} (default http)
 * @param healthyStatus {@code AWS_LWA_READINESS_CHECK_HEALTHY_STATUS} (default 100-499), or
 *        100 up to below {@code AWS_LWA_READINESS_CHECK_MIN_UNHEALTHY_STATUS} (pre-1.0 LWA)
 * @param asyncInit {@code AWS_LWA_ASYNC_INIT}
 * @param removeBasePath {@code AWS_LWA_REMOVE_BASE_PATH}, or null
 * @param passThroughPath {@code AWS_LWA_PASS_THROUGH_PATH}, default {@code /events}
 * @param streaming {@code AWS_LWA_INVOKE_MODE} is {@code response_stream} (default buffered)
 * @param compression {@code AWS_LWA_ENABLE_COMPRESSION}; off when streaming, as in LWA
 * @param authorizationSource {@code AWS_LWA_AUTHORIZATION_SOURCE}, or null
 * @param errorStatusCodes {@code AWS_LWA_ERROR_STATUS_CODES}, or null
 * @param runtimeApi {@code AWS_LWA_LAMBDA_RUNTIME_API_PROXY}, else {@code AWS_LAMBDA_RUNTIME_API}
 * @param concurrency {@code AWS_LAMBDA_MAX_CONCURRENCY}, default 1: invoke loops run side by side
 */
record AdapterConfig(String host, int port, int readinessPort, String readinessPath, boolean readinessTcp,
                     BitSet healthyStatus, boolean asyncInit, String removeBasePath, String passThroughPath,
                     boolean streaming, boolean compression, String authorizationSource, BitSet errorStatusCodes,
                     String runtimeApi, int concurrency) {

    static AdapterConfig from(Map<String, String> env) {
        String port = first(env, "AWS_LWA_PORT", "PORT", "8080");
        BitSet healthy;
        if (env.get("AWS_LWA_READINESS_CHECK_HEALTHY_STATUS") != null) {
            healthy = parseStatusCodes(env.get("AWS_LWA_READINESS_CHECK_HEALTHY_STATUS"));
        } else if (env.get("AWS_LWA_READINESS_CHECK_MIN_UNHEALTHY_STATUS") != null) {
            int min = parseInt(env.get("AWS_LWA_READINESS_CHECK_MIN_UNHEALTHY_STATUS"), 500);
            healthy = new BitSet();
            healthy.set(100, Math.max(100, min));
        } else {
            healthy = new BitSet();
            healthy.set(100, 500);
        }
        boolean streaming = "response_stream".equals(lower(env.get("AWS_LWA_INVOKE_MODE")));
        boolean compression = "true".equals(lower(env.get("AWS_LWA_ENABLE_COMPRESSION")));
        if (compression && streaming) {
            Log.warn("Compression is not supported with response streaming. Disabling compression.");
            compression = false;
        }
        String errorCodes = env.get("AWS_LWA_ERROR_STATUS_CODES");
        String runtimeApi = env.get("AWS_LWA_LAMBDA_RUNTIME_API_PROXY");
        if (runtimeApi == null) {
            runtimeApi = env.getOrDefault("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001");
        }
        int appPort = parseInt(port, 8080);
        String basePath = first(env, "AWS_LWA_REMOVE_BASE_PATH", "REMOVE_BASE_PATH", null);
        return new AdapterConfig(
                first(env, "AWS_LWA_HOST", "HOST", "127.0.0.1"),
                appPort,
                parseInt(first(env, "AWS_LWA_READINESS_CHECK_PORT", "READINESS_CHECK_PORT", port), appPort),
                first(env, "AWS_LWA_READINESS_CHECK_PATH", "READINESS_CHECK_PATH", "/"),
                "tcp".equals(lower(first(env, "AWS_LWA_READINESS_CHECK_PROTOCOL", "READINESS_CHECK_PROTOCOL", "http"))),
                healthy,
                "true".equals(lower(first(env, "AWS_LWA_ASYNC_INIT", "ASYNC_INIT", "false"))),
                basePath == null || basePath.isEmpty() ? null : basePath,
                env.getOrDefault("AWS_LWA_PASS_THROUGH_PATH", "/events"),
                streaming,
                compression,
                emptyToNull(env.get("AWS_LWA_AUTHORIZATION_SOURCE")),
                errorCodes == null ? null : parseStatusCodes(errorCodes),
                runtimeApi,
                Math.max(1, parseInt(env.get("AWS_LAMBDA_MAX_CONCURRENCY"), 1)));
    }

    /** {@code 500,502-504} style lists; bad parts are skipped with a warning, as LWA does. */
    static BitSet parseStatusCodes(String list) {
        BitSet codes = new BitSet();
        for (String raw : list.split(",")) {
            String part = raw.trim();
            if (part.isEmpty()) {
                continue;
            }
            try {
                int dash = part.indexOf('-');
                if (dash > 0) {
                    int from = Integer.parseInt(part.substring(0, dash).trim());
                    int to = Integer.parseInt(part.substring(dash + 1).trim());
                    if (from >= 0 && to < 1000 && from <= to) {
                        codes.set(from, to + 1);
                    }
                } else {
                    int code = Integer.parseInt(part);
                    if (code >= 0 && code < 1000) {
                        codes.set(code);
                    }
                }
            } catch (NumberFormatException e) {
                Log.warn("Failed to parse status code: " + part);
            }
        }
        return codes;
    }

    private static String first(Map<String, String> env, String name, String deprecated, String fallback) {
        String v = env.get(name);
        if (v != null) {
            return v;
        }
        v = env.get(deprecated);
        return v != null ? v : fallback;
    }

    private static int parseInt(String s, int fallback) {
        if (s == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String lower(String s) {
        return s == null ? null : s.trim().toLowerCase(Locale.ROOT);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}

package dev.overtime.runtime;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import com.amazonaws.services.lambda.runtime.logging.LogFormat;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;

/**
 * The {@link LambdaLogger} handlers get from {@code context.getLogger()} and
 * {@code LambdaRuntime.getLogger()}: writes each message to stdout, which the platform captures.
 *
 * <p>Like AWS's logger, it honours {@code AWS_LAMBDA_LOG_LEVEL} (messages logged at a level below
 * it are dropped; messages without a level always pass) and {@code AWS_LAMBDA_LOG_FORMAT}: TEXT
 * prefixes {@code [LEVEL] } when a level is given, JSON writes one object per message. Unlike AWS,
 * which frames each message on a telemetry pipe, every message ends with a newline, because stdout
 * capture is line-based and two messages must not run together.
 */
final class RuntimeLogger implements LambdaLogger {

    private final LogLevel minimumLevel;
    private final boolean json;
    /** The invocation each loop thread is running, for the request id of JSON log lines. */
    private final ThreadLocal<InvocationContext> current = new ThreadLocal<>();

    RuntimeLogger(String logLevel, String logFormat) {
        this.minimumLevel = parseLevel(logLevel);
        this.json = logFormat != null && LogFormat.JSON.name().equalsIgnoreCase(logFormat.trim());
    }

    /** Makes {@code LambdaRuntime.getLogger()} return this logger, as AWS's runtime does. */
    void install() {
        try {
            Field field = LambdaRuntime.class.getDeclaredField("logger");
            field.setAccessible(true);
            field.set(null, this);
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.err.println("overtime-runtime: could not install LambdaRuntime.getLogger(): " + e);
        }
    }

    boolean isJson() {
        return json;
    }

    void setInvocation(InvocationContext context) {
        if (context == null) {
            current.remove();
        } else {
            current.set(context);
        }
    }

    @Override
    public void log(String message) {
        log(message, LogLevel.UNDEFINED);
    }

    @Override
    public void log(byte[] message) {
        log(message, LogLevel.UNDEFINED);
    }

    @Override
    public void log(String message, LogLevel level) {
        if (!enabled(level)) {
            return;
        }
        String text = message == null ? "null" : message;
        if (json) {
            text = jsonLine(text, level);
        } else if (level != null && level != LogLevel.UNDEFINED) {
            text = "[" + level.name() + "] " + text;
        }
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void log(byte[] message, LogLevel level) {
        if (enabled(level)) {
            // As with AWS, raw bytes are written unformatted.
            write(message == null ? "null".getBytes(StandardCharsets.UTF_8) : message);
        }
    }

    private boolean enabled(LogLevel level) {
        return level == null || level == LogLevel.UNDEFINED || level.ordinal() >= minimumLevel.ordinal();
    }

    private static void write(byte[] bytes) {
        PrintStream out = System.out;
        boolean newline = bytes.length > 0 && bytes[bytes.length - 1] == '\n';
        synchronized (out) {
            out.write(bytes, 0, bytes.length);
            if (!newline) {
                out.write('\n');
            }
            out.flush();
        }
    }

    private String jsonLine(String message, LogLevel level) {
        StringBuilder sb = new StringBuilder(message.length() + 96);
        sb.append("{\"timestamp\":");
        Json.quote(sb, timestamp(System.currentTimeMillis()));
        sb.append(",\"message\":");
        Json.quote(sb, message);
        if (level != null) {
            sb.append(",\"level\":");
            Json.quote(sb, level.name());
        }
        InvocationContext context = current.get();
        if (context != null) {
            sb.append(",\"AWSRequestId\":");
            Json.quote(sb, context.getAwsRequestId());
            if (context.getTenantId() != null) {
                sb.append(",\"tenantId\":");
                Json.quote(sb, context.getTenantId());
            }
        }
        return sb.append('}').toString();
    }

    /** {@code yyyy-MM-ddTHH:mm:ss.SSSZ} in UTC, the timestamp format of AWS's JSON log lines. */
    static String timestamp(long epochMs) {
        return TimestampFormat.FORMAT.format(java.time.Instant.ofEpochMilli(epochMs));
    }

    /** Holder, so TEXT logging never loads java.time formatting. */
    private static final class TimestampFormat {
        static final java.time.format.DateTimeFormatter FORMAT = java.time.format.DateTimeFormatter
                .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);
    }

    private static LogLevel parseLevel(String value) {
        if (value == null || value.trim().isEmpty()) {
            return LogLevel.UNDEFINED;
        }
        try {
            return LogLevel.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return LogLevel.UNDEFINED;
        }
    }
}

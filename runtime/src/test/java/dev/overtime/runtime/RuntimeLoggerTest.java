package dev.overtime.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class RuntimeLoggerTest {

    private static String capture(Consumer<RuntimeLogger> action, RuntimeLogger logger) {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            action.accept(logger);
        } finally {
            System.setOut(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void log_inTextFormat_writesOneLinePerMessageWithLevelPrefix() {
        String out = capture(l -> {
            l.log("plain");
            l.log("already a line\n");
            l.log("warned", LogLevel.WARN);
            l.log("raw".getBytes(StandardCharsets.UTF_8));
        }, new RuntimeLogger(null, null));

        assertThat(out).isEqualTo("plain\nalready a line\n[WARN] warned\nraw\n");
    }

    @Test
    void log_belowTheConfiguredLevel_isDroppedButUnleveledMessagesPass() {
        String out = capture(l -> {
            l.log("debug", LogLevel.DEBUG);
            l.log("error", LogLevel.ERROR);
            l.log("always");
        }, new RuntimeLogger("warn", "TEXT"));

        assertThat(out).isEqualTo("[ERROR] error\nalways\n");
    }

    @Test
    void log_inJsonFormat_writesObjectsWithTheRequestId() {
        RuntimeLogger logger = new RuntimeLogger(null, "JSON");
        InvocationRequest request = new InvocationRequest("req-7", 0, null, null, null, null, null, new byte[0]);
        logger.setInvocation(new InvocationContext(request,
                FunctionConfig.from(new String[0], Collections.emptyMap()), logger));

        String out = capture(l -> l.log("hi \"there\"", LogLevel.INFO), logger);

        @SuppressWarnings("unchecked")
        Map<String, Object> line = (Map<String, Object>) Json.parse(out.trim());
        assertThat(line).containsEntry("message", "hi \"there\"").containsEntry("level", "INFO")
                .containsEntry("AWSRequestId", "req-7");
        assertThat((String) line.get("timestamp")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    }

    @Test
    void install_makesLambdaRuntimeReturnTheLogger() {
        RuntimeLogger logger = new RuntimeLogger(null, null);
        logger.install();
        assertThat(com.amazonaws.services.lambda.runtime.LambdaRuntime.getLogger()).isSameAs(logger);
    }
}

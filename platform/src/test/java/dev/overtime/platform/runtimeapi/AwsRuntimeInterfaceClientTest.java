package dev.overtime.platform.runtimeapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overtime.platform.function.FunctionDefinition;
import dev.overtime.platform.testfunctions.Greeter;
import dev.overtime.platform.testfunctions.Thrower;
import dev.overtime.platform.testing.PlatformHarness;
import dev.overtime.platform.testing.TestFunctions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proof that the Runtime API is the real one: handlers run under AWS's own Java runtime interface
 * client (com.amazonaws:aws-lambda-java-runtime-interface-client from Maven Central, JNI and libcurl
 * inside), launched as AWS launches it: {@code java -cp ... AWSLambda <handler>}.
 */
class AwsRuntimeInterfaceClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;
    @TempDir
    static Path code;
    static PlatformHarness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = PlatformHarness.start(data, ric("ric-greeter", Greeter.class), ric("ric-thrower", Thrower.class));
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    /** A provided.al2023 function whose bootstrap execs AWS's RIC, as AWS's Java base image does. */
    private static FunctionDefinition ric(String name, Class<?> handler) {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains("aws-lambda-java-") || entry.contains("utils-lite")
                        || entry.equals(TestFunctions.testClasses().toString()))
                .collect(Collectors.joining(":"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        FunctionDefinition base = TestFunctions.bootstrap(code, name,
                "exec \"" + java + "\" -XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:+UseSerialGC "
                        + "-cp \"" + classPath + "\" com.amazonaws.services.lambda.runtime.api.client.AWSLambda \"$_HANDLER\"\n",
                Duration.ofSeconds(30), null);
        return new FunctionDefinition(name, name, base.runtime(), handler.getName(), base.code(), base.timeout(),
                256, base.environment(), null, "");
    }

    @Test
    void awsRic_runsAHandlerAgainstOvertime_andItsLogReachesTheTail() throws Exception {
        InvokeResponse r = harness.lambda().invoke(b -> b.functionName("ric-greeter").logType(LogType.TAIL)
                .payload(SdkBytes.fromUtf8String("{\"name\":\"RIC\"}")));

        assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
        JsonNode body = JSON.readTree(r.payload().asUtf8String());
        assertThat(body.get("message").asText()).isEqualTo("Hello, RIC!");
        assertThat(body.get("functionArn").asText()).endsWith(":function:ric-greeter");
        assertThat(new String(Base64.getDecoder().decode(r.logResult()), StandardCharsets.UTF_8)).contains("greeting RIC");

        InvokeResponse again = harness.lambda().invoke(b -> b.functionName("ric-greeter")
                .payload(SdkBytes.fromUtf8String("{\"name\":\"warm\"}")));
        assertThat(JSON.readTree(again.payload().asUtf8String()).get("pid").asLong()).isEqualTo(body.get("pid").asLong());
    }

    @Test
    void awsRic_reportsAHandlerExceptionThroughTheErrorEndpoint() throws Exception {
        InvokeResponse r = harness.lambda().invoke(b -> b.functionName("ric-thrower")
                .payload(SdkBytes.fromUtf8String("{\"value\":\"x\"}")));

        assertThat(r.functionError()).isEqualTo("Unhandled");
        JsonNode body = JSON.readTree(r.payload().asUtf8String());
        assertThat(body.get("errorMessage").asText()).isEqualTo("bad input: x");
        assertThat(body.get("errorType").asText()).contains("IllegalArgumentException");
    }
}

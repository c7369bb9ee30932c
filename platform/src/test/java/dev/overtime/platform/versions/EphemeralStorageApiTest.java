package dev.overtime.platform.versions;

import dev.overtime.platform.function.FunctionDefinition;
import dev.overtime.platform.testing.PlatformHarness;
import dev.overtime.platform.testing.TestFunctions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.LambdaException;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/** {@code EphemeralStorage.Size} through the SDK: reported, changed, validated, kept by versions and restarts. */
class EphemeralStorageApiTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private FunctionDefinition function(String name) {
        return TestFunctions.bootstrap(dir.resolve("code"), name, TestFunctions.ANSWERS_OK, TIMEOUT, null);
    }

    private static int size(LambdaClient lambda, String name, String qualifier) {
        return lambda.getFunctionConfiguration(r -> r.functionName(name).qualifier(qualifier))
                .ephemeralStorage().size();
    }

    @Test
    void getAndListFunctions_reportEachFunctionsOwnSize() throws Exception {
        try (PlatformHarness harness = PlatformHarness.start(dir.resolve("data"),
                function("plain"), function("roomy").withEphemeralStorage(4096))) {
            LambdaClient lambda = harness.lambda();

            assertThat(size(lambda, "plain", null)).isEqualTo(512);
            assertThat(size(lambda, "roomy", null)).isEqualTo(4096);
            assertThat(lambda.getFunction(r -> r.functionName("roomy")).configuration().ephemeralStorage().size())
                    .isEqualTo(4096);
            assertThat(lambda.listFunctions().functions())
                    .extracting(FunctionConfiguration::functionName, c -> c.ephemeralStorage().size())
                    .containsExactlyInAnyOrder(tuple("plain", 512), tuple("roomy", 4096));
        }
    }

    @Test
    void updateFunctionConfiguration_changesLatest_whileAVersionKeepsTheSizeItWasPublishedWith() throws Exception {
        try (PlatformHarness harness = PlatformHarness.start(dir.resolve("data"), function("fn"))) {
            LambdaClient lambda = harness.lambda();
            String small = lambda.publishVersion(r -> r.functionName("fn")).version();

            var updated = lambda.updateFunctionConfiguration(r -> r.functionName("fn")
                    .ephemeralStorage(e -> e.size(2048)));

            assertThat(updated.ephemeralStorage().size()).isEqualTo(2048);
            assertThat(size(lambda, "fn", null)).isEqualTo(2048);
            assertThat(size(lambda, "fn", small)).isEqualTo(512);
            String large = lambda.publishVersion(r -> r.functionName("fn")).version();
            assertThat(large).as("a new size is a new configuration to publish").isNotEqualTo(small);
            assertThat(size(lambda, "fn", large)).isEqualTo(2048);
        }
    }

    @Test
    void sizesSetThroughTheApi_surviveARestartOnTheSameData() throws Exception {
        Path data = dir.resolve("data");
        String published;
        try (PlatformHarness harness = PlatformHarness.start(data, function("kept"))) {
            harness.lambda().updateFunctionConfiguration(r -> r.functionName("kept")
                    .ephemeralStorage(e -> e.size(3000)));
            published = harness.lambda().publishVersion(r -> r.functionName("kept")).version();
            harness.lambda().updateFunctionConfiguration(r -> r.functionName("kept")
                    .ephemeralStorage(e -> e.size(6000)));
        }

        try (PlatformHarness harness = PlatformHarness.start(data, function("kept"))) {
            assertThat(size(harness.lambda(), "kept", null)).isEqualTo(6000);
            assertThat(size(harness.lambda(), "kept", published)).isEqualTo(3000);
        }
    }

    @Test
    void updateFunctionConfiguration_outOfRange_isAwsValidationException_andChangesNothing() throws Exception {
        try (PlatformHarness harness = PlatformHarness.start(dir.resolve("data"), function("checked"))) {
            LambdaClient lambda = harness.lambda();

            LambdaException small = catchThrowableOfType(LambdaException.class, () -> lambda
                    .updateFunctionConfiguration(r -> r.functionName("checked").ephemeralStorage(e -> e.size(100))));
            assertThat(small.statusCode()).isEqualTo(400);
            assertThat(small.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
            assertThat(small.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value '100' at "
                    + "'ephemeralStorage.size' failed to satisfy constraint: Member must have value greater than or "
                    + "equal to 512");

            LambdaException large = catchThrowableOfType(LambdaException.class, () -> lambda
                    .updateFunctionConfiguration(r -> r.functionName("checked").ephemeralStorage(e -> e.size(10_241))));
            assertThat(large.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
            assertThat(large.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value '10241' "
                    + "at 'ephemeralStorage.size' failed to satisfy constraint: Member must have value less than or "
                    + "equal to 10240");

            LambdaException missing = catchThrowableOfType(LambdaException.class, () -> lambda
                    .updateFunctionConfiguration(r -> r.functionName("checked").ephemeralStorage(e -> { })));
            assertThat(missing.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
            assertThat(missing.awsErrorDetails().errorMessage()).contains("'ephemeralStorage.size'", "not be null");

            assertThat(size(lambda, "checked", null)).isEqualTo(512);
        }
    }

    @Test
    void updateFunctionConfiguration_sizeNotAnInteger_isRefusedAsBadContent() throws Exception {
        try (PlatformHarness harness = PlatformHarness.start(dir.resolve("data"), function("typed"))) {
            HttpRequest request = HttpRequest.newBuilder(harness.platform().endpoint()
                            .resolve("/2015-03-31/functions/typed/configuration"))
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"EphemeralStorage\":{\"Size\":\"big\"}}"))
                    .header("Content-Type", "application/json").build();
            HttpResponse<String> response;
            try (HttpClient http = HttpClient.newHttpClient()) {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            }

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValueSatisfying(type -> assertThat(type)
                    .startsWith(InvalidRequestContentException.class.getSimpleName()));
            assertThat(response.body()).contains("EphemeralStorage.Size must be an integer");
            assertThat(size(harness.lambda(), "typed", null)).isEqualTo(512);
        }
    }
}

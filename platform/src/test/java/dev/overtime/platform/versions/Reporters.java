package dev.overtime.platform.versions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overtime.platform.function.FunctionDefinition;
import dev.overtime.platform.testing.TestFunctions;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

/**
 * {@code provided.al2023} functions that answer which version ran, which code and which configuration:
 * {@code {"version": $AWS_LAMBDA_FUNCTION_VERSION, "color": $COLOR, "code": label}}.
 */
final class Reporters {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Reporters() {
    }

    /** A reporter with {@code code} as its label and {@code env} as its environment variables. */
    static FunctionDefinition reporter(Path dir, String name, String code, Map<String, String> env) {
        Path folder = folder(dir.resolve(name), code);
        return new FunctionDefinition(name, name, "provided.al2023", null, folder, Duration.ofSeconds(10), 128, env,
                null, "");
    }

    /** A folder holding a reporter's bootstrap. */
    static Path folder(Path folder, String code) {
        try {
            Files.createDirectories(folder);
            Path bootstrap = folder.resolve("bootstrap");
            Files.writeString(bootstrap, script(code));
            Files.setPosixFilePermissions(bootstrap, PosixFilePermissions.fromString("rwxr-xr-x"));
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A deployment package holding a reporter's bootstrap, executable, as UpdateFunctionCode uploads it. */
    static byte[] zip(Path dir, String code) {
        try {
            Path file = dir.resolve(code + "-" + System.nanoTime() + ".zip");
            try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + file.toUri()),
                    Map.of("create", "true", "enablePosixFileAttributes", "true"))) {
                Path bootstrap = zip.getPath("/bootstrap");
                Files.writeString(bootstrap, script(code));
                Files.setPosixFilePermissions(bootstrap, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String script(String code) {
        return "#!/usr/bin/env bash\nset -u\nAPI=\"http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime\"\n"
                + TestFunctions.loop("""
                  rm -f "$HEADERS"
                  curl -sS -X POST "$API/invocation/$ID/response" \\
                    -d '{"version":"'"$AWS_LAMBDA_FUNCTION_VERSION"'","color":"'"${COLOR:-none}"'","code":"CODE"}' >/dev/null
                """.replace("CODE", code));
    }

    /** Invokes {@code function} (qualified when {@code qualifier} is not null) and fails on a function error. */
    static InvokeResponse invoke(LambdaClient lambda, String function, String qualifier) {
        InvokeResponse response = lambda.invoke(r -> r.functionName(function).qualifier(qualifier)
                .payload(SdkBytes.fromUtf8String("{}")));
        if (response.functionError() != null) {
            throw new AssertionError(function + " failed: " + response.payload().asUtf8String());
        }
        return response;
    }

    /** The answer's fields. */
    static JsonNode answer(InvokeResponse response) {
        try {
            return JSON.readTree(response.payload().asUtf8String());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.payload().asUtf8String(), e);
        }
    }
}

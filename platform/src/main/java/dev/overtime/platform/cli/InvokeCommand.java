package dev.overtime.platform.cli;

import dev.overtime.platform.environment.EnvironmentSettings;
import dev.overtime.platform.server.Platform;
import dev.overtime.platform.server.PlatformConfig;
import dev.overtime.platform.template.LoadedTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code overtime invoke}: one synchronous invoke, against a running platform ({@code --endpoint})
 * or, with {@code --template}, against a platform started just for this call.
 */
@Command(name = "invoke", mixinStandardHelpOptions = true,
        description = "Invoke a function once and print its response.")
final class InvokeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "Function name or ARN")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PAYLOAD",
            description = "JSON event; without it, --payload-file or standard input is read (empty means {})")
    String payload;

    @Option(names = {"-f", "--payload-file"}, paramLabel = "FILE", description = "Read the event from FILE ('-' for standard input)")
    Path payloadFile;

    @Option(names = {"-e", "--endpoint"}, defaultValue = "http://127.0.0.1:9000", paramLabel = "URL",
            description = "A running platform (default: ${DEFAULT-VALUE})")
    URI endpoint;

    @Option(names = {"-t", "--template"}, paramLabel = "FILE",
            description = "Start a platform for this template just for this invoke, instead of using --endpoint")
    Path template;

    @Option(names = {"-d", "--data"}, defaultValue = ".overtime", paramLabel = "DIR",
            description = "Data folder when --template is used (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--parameter-overrides", split = ",", paramLabel = "KEY=VALUE", description = "Template parameter values")
    Map<String, String> parameters = new LinkedHashMap<>();

    @Mixin
    StackNameOption stackName;

    @Option(names = {"-q", "--qualifier"}, paramLabel = "VERSION|ALIAS",
            description = "Invoke this version or alias instead of $LATEST (NAME:ALIAS works too)")
    String qualifier;

    @Option(names = "--tail", description = "Print the invocation's log (START to REPORT) on standard error")
    boolean tail;

    @Override
    public Integer call() throws Exception {
        if (template == null) {
            if (stackName.value != null) {
                throw new CliFailure("--stack-name needs --template");
            }
            return invoke(endpoint, event());
        }
        LoadedTemplate loaded = Templates.load(template, parameters, "us-east-1", stackName.forTemplate(template));
        byte[] event = event();
        EnvironmentSettings settings = EnvironmentSettings.defaults(data.toAbsolutePath()).withEcho(false);
        try (Platform platform = Platform.start(new PlatformConfig("127.0.0.1", 0, settings), loaded.functions(),
                loaded.functionUrls(), loaded.eventInvokeConfigs(), loaded.versioning(), loaded.apis())) {
            return invoke(platform.endpoint(), event);
        }
    }

    private byte[] event() throws IOException {
        if (payload != null && payloadFile != null) {
            throw new CliFailure("give the payload either as an argument or with --payload-file, not both");
        }
        if (payload != null) {
            return payload.getBytes(StandardCharsets.UTF_8);
        }
        if (payloadFile != null && !payloadFile.toString().equals("-")) {
            try {
                return Files.readAllBytes(payloadFile);
            } catch (NoSuchFileException e) {
                throw new CliFailure("payload file " + payloadFile + " does not exist");
            }
        }
        if (payloadFile != null || System.console() == null) {
            return System.in.readAllBytes();
        }
        return new byte[0];
    }

    private int invoke(URI base, byte[] event) throws IOException, InterruptedException {
        PlatformClient platform = new PlatformClient(base, " (or pass --template to run the function directly)");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        if (tail) {
            headers.put("X-Amz-Log-Type", "Tail");
        }
        HttpResponse<byte[]> response = platform.send("POST", platform.uri("/2015-03-31/functions/"
                + PlatformClient.encode(name) + "/invocations"
                + (qualifier == null ? "" : "?Qualifier=" + PlatformClient.encode(qualifier))), event, headers);
        ApiFailure error = PlatformClient.apiError(response);
        if (error != null) {
            throw error;
        }
        String body = PlatformClient.text(response);
        response.headers().firstValue("X-Amz-Log-Result").ifPresent(log ->
                System.err.print(new String(Base64.getDecoder().decode(log), StandardCharsets.UTF_8)));
        System.out.println(body);
        if (response.headers().firstValue("X-Amz-Function-Error").isPresent()) {
            System.err.println("overtime: the function failed (X-Amz-Function-Error: Unhandled)");
            return 1;
        }
        return 0;
    }
}

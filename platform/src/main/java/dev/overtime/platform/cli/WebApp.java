package dev.overtime.platform.cli;

import dev.overtime.platform.function.FunctionDefinition;
import dev.overtime.platform.function.FunctionUrlDefinition;
import dev.overtime.platform.function.FunctionUrlDefinition.InvokeMode;
import dev.overtime.platform.function.WebAdapterLayer;
import dev.overtime.platform.template.LoadedTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The function {@code serve --web-app 'COMMAND'} makes of a web app, as a template using AWS Lambda Web Adapter
 * would declare it: {@code provided.al2023}, the current folder as code, the built-in adapter layer, and a Function
 * URL. A second, generated layer holds the {@code bootstrap} that {@code exec}s the command in the code folder; it
 * comes after the adapter's, so it replaces the adapter's {@code bootstrap} wrapper and keeps its extension.
 *
 * @param function the function
 * @param url      its Function URL, buffered or streamed as the adapter's {@code AWS_LWA_INVOKE_MODE}
 * @param command  the command, as given
 */
record WebApp(FunctionDefinition function, FunctionUrlDefinition url, String command) {

    /** Long enough for a page that renders slowly; Lambda's default of 3 s is short for a web app. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final int MEMORY_MB = 1024;

    /**
     * Writes the generated layer into {@code <data>/web-apps/<name>} and returns the function.
     *
     * @param code the folder the command runs in, the function's code
     */
    static WebApp of(String command, String name, boolean stream, Path code, Path dataDir) {
        if (command.isBlank()) {
            throw new CliFailure("--web-app needs a command that starts the app, e.g. --web-app 'node server.js'");
        }
        if (!name.matches("[a-zA-Z0-9-_]{1,64}")) {
            throw new CliFailure("--web-app-name must be 1 to 64 letters, digits, hyphens or underscores, got '"
                    + name + "'");
        }
        if (Files.exists(code.resolve("bootstrap"))) {
            throw new CliFailure(code.toAbsolutePath().resolve("bootstrap") + " would run instead of '" + command
                    + "' (a provided.al2023 function runs its code's bootstrap first); run serve from another folder "
                    + "or declare the function in a template");
        }
        Path layer = dataDir.resolve("web-apps").resolve(name);
        try {
            Files.createDirectories(layer);
            Path bootstrap = layer.resolve("bootstrap");
            Files.writeString(bootstrap, """
                    #!/bin/sh
                    # Written by overtime serve --web-app: the app listens on $PORT, which the platform picks.
                    exec /bin/sh -c %s
                    """.formatted(shellQuoted(command)));
            Files.setPosixFilePermissions(bootstrap, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the web app's bootstrap into " + layer + ": " + e.getMessage(),
                    e);
        }
        InvokeMode mode = stream ? InvokeMode.RESPONSE_STREAM : InvokeMode.BUFFERED;
        FunctionDefinition function = new FunctionDefinition(name, name, "provided.al2023", null,
                code.toAbsolutePath(), TIMEOUT, MEMORY_MB,
                Map.of("AWS_LWA_INVOKE_MODE", stream ? "response_stream" : "buffered"), null,
                "web app: " + command, null, List.of(WebAdapterLayer.MARKER, layer));
        return new WebApp(function, new FunctionUrlDefinition(name, mode, null), command);
    }

    /** {@code loaded} with this function and its URL added last, so the template's URLs keep their ports. */
    LoadedTemplate addTo(LoadedTemplate loaded) {
        if (loaded.function(function.name()).isPresent()) {
            throw new CliFailure("the template already has a function named " + function.name()
                    + "; name the web app with --web-app-name");
        }
        List<FunctionDefinition> functions = new ArrayList<>(loaded.functions());
        functions.add(function);
        List<FunctionUrlDefinition> urls = new ArrayList<>(loaded.functionUrls());
        urls.add(url);
        return new LoadedTemplate(loaded.file(), functions, loaded.notYetServed(), loaded.warnings(), urls,
                loaded.eventInvokeConfigs(), loaded.versioning(), loaded.apis(), loaded.graphQlApis(), loaded.permissions());
    }

    /** A template that declares nothing, for {@code serve --web-app} without a template. */
    static LoadedTemplate noTemplate(Path file) {
        return new LoadedTemplate(file.toAbsolutePath(), List.of(), List.of(), List.of(), List.of(), Map.of());
    }

    private static String shellQuoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}

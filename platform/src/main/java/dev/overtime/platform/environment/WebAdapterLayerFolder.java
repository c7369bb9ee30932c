package dev.overtime.platform.environment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Writes the folder of the built-in web adapter layer ({@link dev.overtime.platform.function.WebAdapterLayer}),
 * laid out as AWS Lambda Web Adapter's layer is:
 * <pre>
 * bootstrap                   LWA's exec wrapper: runs $LAMBDA_TASK_ROOT/$_HANDLER (run.sh), whatever it is passed
 * extensions/lambda-adapter   starts Overtime's adapter (dev.overtime.webadapter.Main) as an external extension
 * </pre>
 * The launcher holds absolute paths (the JDK, the adapter jar), so the folder is written again at every platform
 * start, each file renamed into place: a process starting meanwhile reads either the old file or the new one.
 * Without the adapter jar the folder is still written, and {@link #adapterJar()} is empty so that a launch can
 * fail with a clear error rather than with a crashed extension.
 */
public final class WebAdapterLayerFolder {

    /** The adapter's main class, in {@code overtime-web-adapter.jar}. */
    static final String MAIN_CLASS = "dev.overtime.webadapter.Main";
    /** The flags of a small, quick-starting JVM, as the Java runtime's defaults. */
    static final String JVM_FLAGS = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto";

    private final Path folder;
    private final Path jar;

    private WebAdapterLayerFolder(Path folder, Path jar) {
        this.folder = folder;
        this.jar = jar;
    }

    /**
     * Writes the layer into {@code folder}.
     *
     * @param jar  the extracted {@code overtime-web-adapter.jar}, which may be missing
     * @param java a JDK 21+ {@code java}
     */
    public static WebAdapterLayerFolder write(Path folder, Path jar, Path java) {
        try {
            Files.createDirectories(folder.resolve("extensions"));
            writeExecutable(folder.resolve("bootstrap"), """
                    #!/bin/sh
                    # AWS Lambda Web Adapter's exec wrapper (AWS_LAMBDA_EXEC_WRAPPER=/opt/bootstrap), and the bootstrap of
                    # provided.al2023 functions without one: the runtime's own command is ignored, the handler runs.
                    exec "$LAMBDA_TASK_ROOT/$_HANDLER"
                    """);
            writeExecutable(folder.resolve("extensions").resolve("lambda-adapter"), """
                    #!/bin/sh
                    # Overtime's web adapter, registered with the Extensions API as lambda-adapter.
                    if [ ! -f %2$s ]; then
                      echo "overtime: this build of Overtime has no web adapter (%2$s is missing); rebuild it with ./mvnw package" >&2
                      exit 1
                    fi
                    exec %1$s %3$s -cp %2$s %4$s "$@"
                    """.formatted(shellQuoted(java.toString()), shellQuoted(jar.toString()), JVM_FLAGS, MAIN_CLASS));
            return new WebAdapterLayerFolder(folder, jar);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the web adapter layer into " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The layer's folder, to be copied into a function's {@code /opt} like any layer. */
    public Path folder() {
        return folder;
    }

    /** The adapter's jar, or empty when the platform was built without it. */
    public Optional<Path> adapterJar() {
        return Files.isRegularFile(jar) ? Optional.of(jar) : Optional.empty();
    }

    /** Whether {@code file} is this layer's launcher (a later layer may replace it, as layers do). */
    boolean isLauncher(Path file) {
        try {
            return Files.mismatch(file, folder.resolve("extensions").resolve("lambda-adapter")) == -1;
        } catch (IOException e) {
            return false;
        }
    }

    private static void writeExecutable(Path file, String script) throws IOException {
        Path partial = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".partial");
        Files.writeString(partial, script);
        Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** {@code text} in single quotes for {@code sh}. */
    static String shellQuoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}

package dev.overtime.platform.environment;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a JDK for a {@code java17}/{@code java21}/{@code java25} function: {@code OVERTIME_JAVA<N>_HOME}
 * if set, else an installed JDK of exactly that version, else the newest installed one that is newer,
 * else the JDK running the platform.
 */
public final class JdkLocator {
    private static final Pattern VERSION = Pattern.compile("JAVA_VERSION=\"(?:1\\.)?(\\d+)");

    private final Map<Integer, Path> installed = new TreeMap<>();
    private final Map<String, String> env;

    public JdkLocator(Map<String, String> env) {
        this.env = env;
        scan(Path.of("/usr/lib/jvm"));
        String javaHome = env.get("JAVA_HOME");
        if (javaHome != null) {
            register(Path.of(javaHome));
        }
        register(Path.of(System.getProperty("java.home")));
    }

    /** The {@code java} executable for functions of the given major version. */
    public Path javaFor(int major) {
        String override = env.get("OVERTIME_JAVA" + major + "_HOME");
        if (override != null && !override.isBlank()) {
            return Path.of(override, "bin", "java");
        }
        Path exact = installed.get(major);
        if (exact != null) {
            return exact.resolve("bin").resolve("java");
        }
        for (Map.Entry<Integer, Path> e : installed.entrySet()) {
            if (e.getKey() > major) {
                return e.getValue().resolve("bin").resolve("java");
            }
        }
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    private void scan(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> homes = Files.newDirectoryStream(dir)) {
            for (Path home : homes) {
                register(home);
            }
        } catch (IOException ignored) {
            // an unreadable JVM folder just offers no JDKs
        }
    }

    private void register(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin").resolve("java"))) {
            return;
        }
        try {
            Matcher m = VERSION.matcher(Files.readString(release));
            if (m.find()) {
                installed.putIfAbsent(Integer.parseInt(m.group(1)), home.toRealPath());
            }
        } catch (IOException | NumberFormatException ignored) {
            // not a JDK we can use
        }
    }
}

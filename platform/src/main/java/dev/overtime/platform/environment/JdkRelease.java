package dev.overtime.platform.environment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JDK as its {@code release} file describes it.
 *
 * @param java    the {@code java} executable, every link resolved
 * @param major   the feature version, e.g. 25
 * @param release the whole {@code release} file: changes whenever the JDK at that path is updated
 */
record JdkRelease(Path java, int major, String release) {
    private static final Pattern VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(?:1\\.)?(\\d+)");

    /** The JDK {@code java} belongs to, or empty when it has no readable {@code release} file. */
    static Optional<JdkRelease> of(Path java) {
        try {
            Path real = java.toRealPath();
            String release = Files.readString(real.getParent().getParent().resolve("release"));
            Matcher m = VERSION.matcher(release);
            return m.find() ? Optional.of(new JdkRelease(real, Integer.parseInt(m.group(1)), release)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}

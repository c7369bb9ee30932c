package dev.overtime.platform.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher's {@code bin/launch-jars.sh}, run with bash on a fake project tree: when the jars it
 * runs are stale, and how a build replaces them under a running platform.
 */
class LauncherStalenessTest {

    private static final Path SCRIPT = Path.of("../bin/launch-jars.sh").toAbsolutePath().normalize();
    // Hours ahead, so the folders a test creates now are older than the build too.
    private static final Instant NOW = Instant.now();
    private static final FileTime BEFORE_BUILD = FileTime.from(NOW.plusSeconds(3600));
    private static final FileTime BUILT = FileTime.from(NOW.plusSeconds(2 * 3600));
    private static final FileTime AFTER_BUILD = FileTime.from(NOW.plusSeconds(3 * 3600));

    @TempDir
    Path root;
    Path platformJar;
    Path benchJar;

    @BeforeEach
    void freshlyBuiltProject() throws IOException {
        file("pom.xml", """
                <project>
                  <modules>
                    <module>runtime</module>
                    <module>platform</module>
                  </modules>
                </project>
                """, BEFORE_BUILD);
        file(".mvn/wrapper/maven-wrapper.properties", "distributionUrl=x", BEFORE_BUILD);
        for (String module : List.of("runtime", "platform")) {
            file(module + "/pom.xml", "<project/>", BEFORE_BUILD);
            file(module + "/src/main/java/dev/Main.java", "class Main {}", BEFORE_BUILD);
        }
        file("platform/src/main/resources/overtime/node/bootstrap.mjs", "// client", BEFORE_BUILD);
        platformJar = file("target/launch/overtime-all.jar", "platform", BUILT);
        benchJar = file("target/launch/overtime-bench.jar", "bench", BUILT);
    }

    @Test
    void stale_whenNothingChangedSinceTheBuild_isFalse() throws Exception {
        assertThat(stale()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            ".overtime/code/hello/3f2a/META-INF/maven/dev.example/hello/pom.xml",
            ".overtime/code/hello/3f2a/dev/example/Hello.java",
            "my-data/code/hello/3f2a/META-INF/maven/dev.example/hello/pom.xml",
            "platform/target/classes/dev/Main.class",
            "platform/target/maven-archiver/pom.properties",
            "platform/src/test/java/dev/MainTest.java",
            "examples/node-hello/pom.xml",
            "README.md"})
    void stale_whenOnlyFilesOutsideTheBuildInputsAreNewer_isFalse(String path) throws Exception {
        file(path, "newer than the jars", AFTER_BUILD);

        assertThat(stale()).as(path).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "pom.xml",
            "platform/pom.xml",
            "runtime/src/main/java/dev/Main.java",
            "platform/src/main/java/dev/Added.java",
            "platform/src/main/java/dev/target/InAPackageNamedTarget.java",
            "platform/src/main/java22/dev/Signals.java",
            "platform/src/main/resources/overtime/node/bootstrap.mjs",
            ".mvn/wrapper/maven-wrapper.properties"})
    void stale_whenABuildInputIsNewer_isTrue(String path) throws Exception {
        Path input = root.resolve(path);
        if (Files.exists(input)) {
            Files.setLastModifiedTime(input, AFTER_BUILD);
        } else {
            file(path, "class Added {}", AFTER_BUILD);
        }

        assertThat(stale()).as(path).isTrue();
    }

    @Test
    void stale_whenALaunchJarIsMissing_isTrue() throws Exception {
        Files.delete(benchJar);

        assertThat(stale()).isTrue();
    }

    @Test
    void installJar_replacesTheFileByRename_soAJvmHoldingTheOldJarKeepsReadingIt() throws Exception {
        FileTime nextBuildStarted = AFTER_BUILD;
        Path started = file("target/launch/build-started.x", "", nextBuildStarted);
        Path built = file("platform/target/overtime-all.jar", "the new build",
                FileTime.from(nextBuildStarted.toInstant().plusSeconds(60)));
        try (FileChannel running = FileChannel.open(platformJar)) {
            Object runningFile = fileKey(platformJar);

            int exit = bash("overtime_install_jar \"$1\" \"$2\" \"$3\"", built.toString(), platformJar.toString(),
                    started.toString());

            assertThat(exit).isZero();
            assertThat(contentOf(running)).as("what the running JVM reads").isEqualTo("platform");
            assertThat(Files.readString(platformJar)).isEqualTo("the new build");
            assertThat(fileKey(platformJar)).isNotEqualTo(runningFile);
        }
        assertThat(Files.getLastModifiedTime(platformJar)).as("the build's start time").isEqualTo(nextBuildStarted);
        try (Stream<Path> launch = Files.list(platformJar.getParent())) {
            assertThat(launch.map(p -> p.getFileName().toString())).as("no partial copy is left")
                    .containsExactlyInAnyOrder("overtime-all.jar", "overtime-bench.jar", "build-started.x");
        }
    }

    private boolean stale() throws Exception {
        int exit = bash("overtime_stale \"$1\" \"$2\" \"$3\"", root.toString(), platformJar.toString(),
                benchJar.toString());
        assertThat(exit).as("overtime_stale answers true (0) or false (1)").isIn(0, 1);
        return exit == 0;
    }

    /** Runs {@code command} in bash after sourcing the real script; {@code args} are $1, $2... */
    private static int bash(String command, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("bash", "-c", ". \"$0\" && " + command, SCRIPT.toString()));
        argv.addAll(List.of(args));
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(output).as("what bash printed").isEmpty();
        return process.exitValue();
    }

    private static Object fileKey(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }

    private static String contentOf(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(1024);
        channel.read(buffer, 0);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }

    private Path file(String relative, String content, FileTime modified) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, modified);
        return file;
    }
}

package dev.overtime.platform.environment;

import dev.overtime.platform.function.FunctionDefinition;
import dev.overtime.platform.testfunctions.Greeter;
import dev.overtime.platform.testing.Eventually;
import dev.overtime.platform.testing.PlatformHarness;
import dev.overtime.platform.testing.TestFunctions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Java runtime's class-data archive: made in the background once per JDK, used by the JVMs that
 * start after it exists, and never in a function's way.
 */
class ClassDataArchiveTest {

    @TempDir
    static Path data;
    @TempDir
    static Path classLogs;
    static PlatformHarness harness;
    static ClassDataArchives archives;
    static Path archive;

    @BeforeAll
    static void startAndWaitForTheArchive() throws Exception {
        harness = PlatformHarness.start(data, s -> s.withClassDataArchive(true),
                TestFunctions.java("archived", Greeter.class.getName(), Duration.ofSeconds(10), null,
                        Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + classLogs.resolve("classes-%p.log"))),
                TestFunctions.java("own-sharing", Greeter.class.getName(), Duration.ofSeconds(10), null,
                        Map.of("JAVA_TOOL_OPTIONS", "-Xshare:off")),
                new FunctionDefinition("hello17", "hello17", "java17", "dev.overtime.examples.Hello::handleRequest",
                        Path.of("../examples/target/java-functions.jar").toAbsolutePath(), Duration.ofSeconds(10), 256,
                        Map.of(), null, ""));
        archives = ClassDataArchives.of(BundledRuntimes.extract(data).javaRuntimeJar(), notice -> { });
        archive = archives.pathFor(new JdkLocator(System.getenv()).javaFor(21)).orElseThrow();
        Eventually.await("the class-data archive to be made", Duration.ofSeconds(120), () -> Files.isRegularFile(archive));
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void archive_isUsedByTheNextJavaFunctionJvm() throws IOException {
        InvokeResponse r = harness.lambda().invoke(b -> b.functionName("archived"));

        assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
        long pid = harness.environments("archived").getFirst().pid();
        assertThat(String.join(" ", arguments(pid))).contains(archive.toString());
        // The runtime's classes are in no archive of the JDK's own: mapped from one, they came from ours.
        assertThat(Files.readString(classLogs.resolve("classes-" + pid + ".log")))
                .contains("dev.overtime.runtime.Main source: shared objects file");
    }

    @Test
    void functionChoosingItsOwnSharing_startsWithoutTheArchive() {
        InvokeResponse r = harness.lambda().invoke(b -> b.functionName("own-sharing"));

        // With -XX:AOTCache beside the user's -Xshare:off, the JVM would refuse to start.
        assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
        assertThat(arguments(harness.environments("own-sharing").getFirst().pid()))
                .noneMatch(a -> a.startsWith("-XX:SharedArchiveFile") || a.startsWith("-XX:AOTCache"));
    }

    @Test
    void java17Function_getsNoArchive() {
        Path java17 = new JdkLocator(System.getenv()).javaFor(17);
        assumeTrue(JdkRelease.of(java17).map(JdkRelease::major).orElse(0) == 17, "no JDK 17 installed");

        InvokeResponse r = harness.lambda().invoke(b -> b.functionName("hello17"));

        assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
        assertThat(arguments(harness.environments("hello17").getFirst().pid()))
                .contains("-Xshare:auto")
                .noneMatch(a -> a.startsWith("-XX:SharedArchiveFile") || a.startsWith("-XX:AOTCache"));
        assertThat(archives.pathFor(java17)).isEmpty();
    }

    @Test
    void corruptArchive_isIgnored_withoutAWordInTheFunctionsLog(@TempDir Path otherData) throws Exception {
        Path jar = BundledRuntimes.extract(otherData).javaRuntimeJar();
        Path java = new JdkLocator(System.getenv()).javaFor(21);
        Optional<Path> archive = ClassDataArchives.of(jar, notice -> { }).pathFor(java);
        assumeTrue(archive.isPresent(), "the JDK for java21 makes no archive");
        byte[] garbage = new byte[64 * 1024];
        new Random(15).nextBytes(garbage);
        Files.createDirectories(archive.get().getParent());
        Files.write(archive.get(), garbage);

        try (PlatformHarness other = PlatformHarness.start(otherData, s -> s.withClassDataArchive(true),
                TestFunctions.java("greeter", Greeter.class))) {
            InvokeResponse r = other.lambda().invoke(b -> b.functionName("greeter"));

            assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
            assertThat(String.join(" ", arguments(other.environments("greeter").getFirst().pid())))
                    .contains(archive.get().toString());
        }
        assertThat(logOf(otherData, "greeter")).contains("greeting world")
                .doesNotContain("[cds", "[aot", "archive", "AOT cache");
    }

    @Test
    void stoppingThePlatform_killsATrainingStillRunning(@TempDir Path otherData) throws Exception {
        ProcessHandle training;
        try (PlatformHarness other = PlatformHarness.start(otherData, s -> s.withClassDataArchive(true),
                TestFunctions.java("greeter", Greeter.class))) {
            // Held from the one look that found it: a second look could miss a training just ending.
            java.util.concurrent.atomic.AtomicReference<ProcessHandle> found = new java.util.concurrent.atomic.AtomicReference<>();
            Eventually.await("a training run to start", Duration.ofSeconds(30), () -> {
                trainingOf(otherData).ifPresent(found::set);
                return found.get() != null;
            });
            training = found.get();
        }

        assertThat(training.isAlive()).isFalse();
        assertThat(descendantsIn(otherData)).isEmpty();
        try (Stream<Path> left = Files.walk(otherData.resolve("runtimes"))) {
            assertThat(left.map(Path::toString)).noneMatch(p -> p.endsWith(".partial") || p.endsWith(".config"));
        }
    }

    private static List<String> arguments(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().arguments()).map(List::of).orElseThrow();
    }

    private static Optional<ProcessHandle> trainingOf(Path dataDir) {
        return descendantsIn(dataDir).stream()
                .filter(p -> p.info().arguments().map(List::of).orElse(List.of()).contains("dev.overtime.runtime.Training"))
                .findFirst();
    }

    /** This JVM's descendants whose command line names {@code dataDir}. */
    private static List<ProcessHandle> descendantsIn(Path dataDir) {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(dataDir.toString())).orElse(false))
                .toList();
    }

    private static String logOf(Path dataDir, String function) throws IOException {
        try (Stream<Path> files = Files.list(dataDir.resolve("logs").resolve(function))) {
            StringBuilder all = new StringBuilder();
            for (Path file : files.toList()) {
                all.append(Files.readString(file));
            }
            return all.toString();
        }
    }
}

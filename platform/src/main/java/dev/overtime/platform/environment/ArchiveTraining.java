package dev.overtime.platform.environment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Makes one class-data archive: runs {@code dev.overtime.runtime.Training} with the flags and class
 * path of a function JVM into a file of its own, checks that a JVM accepts the result, and only then
 * renames it into place. So a reader never sees a partial archive, and when two platforms make the
 * same one at once, the last rename wins with an archive as good as the first.
 */
final class ArchiveTraining {

    /** Runs a process to its end and returns its exit status. */
    interface ProcessRunner {
        int run(ProcessBuilder builder) throws IOException, InterruptedException;
    }

    /** Any size will do: on JDK 25 an archive made with this heap serves heaps of 100 MB to 8 GB. */
    private static final int MEMORY_MB = 1024;
    private static final Path NICE = Path.of("/usr/bin/nice");
    /** The files of one making: {@code <archive>.<uuid>.partial}, its {@code .config}, its {@code .log}. */
    private static final Pattern OWN_FILE = Pattern.compile(".*\\.[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}\\.(partial|partial\\.config|log)");
    /** Far longer than any training takes, so a file this old belongs to a platform that was killed. */
    private static final Duration ABANDONED = Duration.ofHours(1);

    private ArchiveTraining() {
    }

    /** Makes {@code target}'s archive; returns why it could not, if it could not. */
    static Optional<String> make(ClassDataArchives.Target target, Path runtimeJar, ProcessRunner processes)
            throws IOException, InterruptedException {
        Path folder = Files.createDirectories(target.archive().getParent());
        sweepAbandoned(folder, Instant.now().minus(ABANDONED));
        String name = target.archive().getFileName() + "." + UUID.randomUUID();
        Path partial = folder.resolve(name + ".partial");
        Path log = folder.resolve(name + ".log");
        try {
            int exit = processes.run(builder(java(target, target.kind().making(partial), runtimeJar,
                    "dev.overtime.runtime.Training"), folder, log));
            if (exit != 0 || !Files.isRegularFile(partial)) {
                return Optional.of("the training run exited with status " + exit + " (" + keep(log, target) + ")");
            }
            exit = processes.run(builder(java(target, target.kind().checking(partial), runtimeJar, "-version"),
                    folder, log));
            if (exit != 0) {
                return Optional.of("the JVM refused the archive it had just made (" + keep(log, target) + ")");
            }
            Files.move(partial, target.archive(), StandardCopyOption.ATOMIC_MOVE);
            Files.deleteIfExists(log);
            return Optional.empty();
        } finally {
            Files.deleteIfExists(partial);
            // The JDK 25 training writes its class list here, and leaves it if killed.
            Files.deleteIfExists(folder.resolve(partial.getFileName() + ".config"));
        }
    }

    /** Deletes the files of makings last written before {@code cutoff}: a killed platform's leftovers. */
    static void sweepAbandoned(Path folder, Instant cutoff) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> OWN_FILE.matcher(f.getFileName().toString()).matches()).toList()) {
                try {
                    if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                        Files.deleteIfExists(file);
                    }
                } catch (IOException goneMeanwhile) {
                    // Another platform's sweep or making got there first.
                }
            }
        }
    }

    private static List<String> java(ClassDataArchives.Target target, List<String> sharing, Path runtimeJar,
                                     String what) {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(NICE)) {
            // Trainings share the cores with functions starting meanwhile; those come first.
            command.addAll(List.of(NICE.toString(), "-n", "10"));
        }
        command.add(target.jdk().java().toString());
        command.addAll(JavaRuntimeFlags.forFunction(MEMORY_MB, null, () -> sharing));
        command.addAll(List.of("-cp", runtimeJar.toString(), what));
        return command;
    }

    private static ProcessBuilder builder(List<String> command, Path folder, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // Nothing of the platform's environment (JAVA_TOOL_OPTIONS above all) may change the archive.
        builder.environment().clear();
        return builder;
    }

    private static String keep(Path log, ClassDataArchives.Target target) throws IOException {
        Path kept = target.archive().resolveSibling(target.archive().getFileName() + ".log");
        Files.move(log, kept, StandardCopyOption.REPLACE_EXISTING);
        return "see " + kept;
    }
}

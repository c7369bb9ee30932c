package dev.overtime.platform.environment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ArchiveTrainingTest {

    @Test
    void sweepAbandoned_deletesOnlyTheOldFilesOfUnfinishedMakings(@TempDir Path folder) throws IOException {
        Instant now = Instant.now();
        Instant old = now.minus(Duration.ofHours(2));
        String making = "java25-0123456789abcdef.aot.3f1c2a9e-5b7d-4e21-9c0a-8d6f4b2e1a07";
        file(folder, "java25-0123456789abcdef.aot", old);
        file(folder, "java25-0123456789abcdef.aot.log", old);
        file(folder, making + ".partial", old);
        file(folder, making + ".partial.config", old);
        file(folder, making + ".log", old);
        file(folder, "java25-0123456789abcdef.aot.0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a.partial", now);

        ArchiveTraining.sweepAbandoned(folder, now.minus(Duration.ofHours(1)));

        try (Stream<Path> left = Files.list(folder)) {
            assertThat(left.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder(
                    "java25-0123456789abcdef.aot", "java25-0123456789abcdef.aot.log",
                    "java25-0123456789abcdef.aot.0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a.partial");
        }
    }

    private static void file(Path folder, String name, Instant modified) throws IOException {
        Files.setLastModifiedTime(Files.createFile(folder.resolve(name)), FileTime.from(modified));
    }
}

package dev.overtime.platform.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The launcher's {@code bin/find-jdk.sh}, run with bash on fake JDK folders. */
class FindJdkScriptTest {

    private static final Path SCRIPT = Path.of("../bin/find-jdk.sh").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void javaMajor_readsTheReleaseFile_withoutStartingTheJvm() throws Exception {
        Path java = fakeJdk("jdk-25", "echo started >&2; exit 1");
        Files.writeString(dir.resolve("jdk-25/release"), "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"25.0.3\"\n");

        assertThat(javaMajor(java)).isEqualTo("25");
    }

    @Test
    void javaMajor_withoutAReleaseFile_asksTheJvm() throws Exception {
        Path java = fakeJdk("jdk-1.8", "echo 'openjdk version \"1.8.0_402\"' >&2");

        assertThat(javaMajor(java)).isEqualTo("8");
    }

    private Path fakeJdk(String name, String javaScript) throws IOException {
        Path java = dir.resolve(name).resolve("bin/java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, "#!/bin/sh\n" + javaScript + "\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return java;
    }

    private static String javaMajor(Path java) throws Exception {
        Process process = new ProcessBuilder("bash", "-c", ". \"$0\" && overtime_java_major \"$1\"",
                SCRIPT.toString(), java.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.strip();
    }
}

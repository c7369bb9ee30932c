package dev.overtime.platform.environment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ClassDataArchiveKindTest {

    @Test
    void forJdk_17MakesNone_19To24DynamicCds_25OnAnAotCache() {
        assertThat(ClassDataArchiveKind.forJdk(17)).isEmpty();
        assertThat(ClassDataArchiveKind.forJdk(18)).isEmpty();
        assertThat(ClassDataArchiveKind.forJdk(19)).contains(ClassDataArchiveKind.DYNAMIC_CDS);
        assertThat(ClassDataArchiveKind.forJdk(21)).contains(ClassDataArchiveKind.DYNAMIC_CDS);
        assertThat(ClassDataArchiveKind.forJdk(25)).contains(ClassDataArchiveKind.AOT_CACHE);
        assertThat(ClassDataArchiveKind.forJdk(26)).contains(ClassDataArchiveKind.AOT_CACHE);
    }

    /** The JVM's own logging goes to stdout, which for a function is its log. */
    @ParameterizedTest
    @EnumSource(ClassDataArchiveKind.class)
    void using_aCorruptArchive_startsTheJvmWithoutAWordOnStdout(ClassDataArchiveKind kind, @TempDir Path dir)
            throws Exception {
        Path archive = dir.resolve("corrupt" + kind.extension());
        byte[] garbage = new byte[64 * 1024];
        new Random(15).nextBytes(garbage);
        Files.write(archive, garbage);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(kind.using(archive));
        command.add("-version");

        Process jvm = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String stdout = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(jvm.waitFor()).isZero();
        assertThat(stdout).isEmpty();
    }
}

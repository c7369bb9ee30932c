package dev.overtime.platform.environment;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The kind of class-data archive a JDK can make of the Java runtime, and the JVM flags that make,
 * check and use one. Each list replaces the default {@code -Xshare:auto}.
 */
enum ClassDataArchiveKind {

    /** JDK 19 and later: a dynamic CDS archive, layered on the JDK's own default archive. */
    DYNAMIC_CDS(".jsa") {
        @Override
        List<String> making(Path output) {
            return List.of("-Xshare:auto", "-XX:ArchiveClassesAtExit=" + output);
        }

        @Override
        List<String> checking(Path archive) {
            return List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archive);
        }

        @Override
        List<String> using(Path archive) {
            // A mismatched or broken archive is reported on stdout, which is the function's log.
            return List.of("-Xshare:auto", "-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
        }
    },

    /** JDK 25 and later: an AOT cache (JEP 483 and 514), which also keeps the classes linked. */
    AOT_CACHE(".aot") {
        @Override
        List<String> making(Path output) {
            // The JVM refuses AOTCacheOutput and AOTCache together with any -Xshare.
            return List.of("-XX:AOTCacheOutput=" + output);
        }

        @Override
        List<String> checking(Path archive) {
            return List.of("-XX:AOTMode=on", "-XX:AOTCache=" + archive);
        }

        @Override
        List<String> using(Path archive) {
            return List.of("-XX:AOTCache=" + archive, "-Xlog:aot=off");
        }
    };

    private final String extension;

    ClassDataArchiveKind(String extension) {
        this.extension = extension;
    }

    /** The kind a JDK of version {@code major} makes; JDK 17 gets none and keeps {@code -Xshare:auto}. */
    static Optional<ClassDataArchiveKind> forJdk(int major) {
        if (major >= 25) {
            return Optional.of(AOT_CACHE);
        }
        return major >= 19 ? Optional.of(DYNAMIC_CDS) : Optional.empty();
    }

    String extension() {
        return extension;
    }

    /** Flags for the training run that writes the archive to {@code output} as it exits. */
    abstract List<String> making(Path output);

    /** Flags with which a JVM refuses to start unless it can use the archive. */
    abstract List<String> checking(Path archive);

    /** Flags for a function's JVM: use the archive if it can, silently start without it if not. */
    abstract List<String> using(Path archive);
}

package dev.overtime.platform.environment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Class-data archives of the Java runtime jar, one per JDK that Java functions run on: made once, in
 * the background, by {@link ArchiveTraining}, and then passed to every Java function JVM of that JDK
 * (see {@link ClassDataArchiveKind} for which JDK makes which kind).
 *
 * <p>Nothing waits for an archive: a function that starts before its JDK's archive exists starts
 * without it, and asking for it starts making it. An archive lives next to the runtime jar, in
 * {@code runtimes/<hash>/class-data/}, under a name derived from everything the JVM checks that can
 * change while names stay the same (the JDK's build, the jar's size and time), so a stale archive is
 * never looked for again. One the JVM refuses anyway (corrupt, or made for another JDK) is ignored by
 * the JVM without a word in the function's log.
 *
 * <p>Closing kills a training still running, so none outlives the platform.
 */
public final class ClassDataArchives implements AutoCloseable {

    /** The archive a JDK makes and uses. */
    record Target(JdkRelease jdk, ClassDataArchiveKind kind, Path archive) {
    }

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final Path runtimeJar;
    private final Consumer<String> notices;
    private final Map<Path, Optional<Target>> targets = new ConcurrentHashMap<>();
    private final Set<Path> begun = ConcurrentHashMap.newKeySet();
    // These three are guarded by this: close() must see every process and thread started before it.
    private final List<Thread> makers = new ArrayList<>();
    private final Set<Process> running = new HashSet<>();
    private boolean closed;

    private ClassDataArchives(Path runtimeJar, Consumer<String> notices) {
        this.runtimeJar = runtimeJar;
        this.notices = notices;
    }

    /**
     * @param runtimeJar the runtime jar exactly as function JVMs name it in {@code -cp}
     * @param notices    told, in a sentence, when an archive could not be made
     */
    public static ClassDataArchives of(Path runtimeJar, Consumer<String> notices) {
        return new ClassDataArchives(runtimeJar, notices);
    }

    /** Archives turned off: every JVM starts with {@code -Xshare:auto} alone. */
    public static ClassDataArchives off() {
        return new ClassDataArchives(null, notice -> {
        });
    }

    /** Starts making the archive for the JDK of {@code java} in the background, unless it exists or is under way. */
    public void prepare(Path java) {
        target(java).filter(t -> !Files.isRegularFile(t.archive())).ifPresent(this::begin);
    }

    /**
     * The flags that make a JVM of {@code java} use its archive, in place of {@code -Xshare:auto};
     * none while the archive does not exist yet (and then it is started being made).
     */
    List<String> flagsFor(Path java) {
        Optional<Target> target = target(java);
        if (target.isEmpty()) {
            return List.of();
        }
        Target t = target.get();
        if (Files.isRegularFile(t.archive())) {
            return t.kind().using(t.archive());
        }
        begin(t);
        return List.of();
    }

    /** Where the archive for the JDK of {@code java} lives, if that JDK makes one. */
    Optional<Path> pathFor(Path java) {
        return target(java).map(Target::archive);
    }

    private Optional<Target> target(Path java) {
        if (runtimeJar == null) {
            return Optional.empty();
        }
        return targets.computeIfAbsent(java, j -> JdkRelease.of(j).flatMap(jdk -> ClassDataArchiveKind
                .forJdk(jdk.major()).flatMap(kind -> archivePath(jdk, kind).map(a -> new Target(jdk, kind, a)))));
    }

    private Optional<Path> archivePath(JdkRelease jdk, ClassDataArchiveKind kind) {
        try {
            String facts = jdk.java() + "\n" + jdk.release() + "\n" + Files.size(runtimeJar) + "\n"
                    + Files.getLastModifiedTime(runtimeJar).toMillis();
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(facts.getBytes(StandardCharsets.UTF_8));
            return Optional.of(runtimeJar.resolveSibling("class-data")
                    .resolve("java" + jdk.major() + "-" + HexFormat.of().formatHex(digest, 0, 8) + kind.extension()));
        } catch (IOException e) {
            // Without the jar's facts there is no name that could not be stale: no archive.
            return Optional.empty();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void begin(Target target) {
        if (!begun.add(target.archive())) {
            return;
        }
        synchronized (this) {
            if (!closed) {
                makers.add(Thread.ofVirtual().name("overtime-class-data-java" + target.jdk().major())
                        .start(() -> make(target)));
            }
        }
    }

    private void make(Target target) {
        Optional<String> failure;
        try {
            failure = ArchiveTraining.make(target, runtimeJar, this::run);
        } catch (IOException | UncheckedIOException e) {
            failure = Optional.of(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        failure.ifPresent(why -> notices.accept("no class-data archive of the Java runtime for JDK "
                + target.jdk().major() + " (" + target.jdk().java() + "): " + why
                + "; its Java functions start without one"));
    }

    /** Runs one process of a training to its end, unless the platform is stopping. */
    private int run(ProcessBuilder builder) throws IOException, InterruptedException {
        Process process;
        synchronized (this) {
            if (closed) {
                throw new IOException("the platform is stopping");
            }
            process = builder.start();
            running.add(process);
        }
        try {
            return process.waitFor();
        } finally {
            synchronized (this) {
                running.remove(process);
            }
        }
    }

    /** Kills the trainings still running, and waits for them to clean up. */
    @Override
    public void close() {
        List<Process> killed;
        List<Thread> waited;
        synchronized (this) {
            closed = true;
            killed = List.copyOf(running);
            waited = List.copyOf(makers);
        }
        for (Process p : killed) {
            // The JDK 25 training forks a second JVM to write the cache.
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Thread maker : waited) {
            try {
                maker.join(CLOSE_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

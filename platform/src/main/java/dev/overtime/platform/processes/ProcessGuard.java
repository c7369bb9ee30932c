package dev.overtime.platform.processes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Makes sure no function or extension process outlives its platform, however the platform ends.
 * Every such process leads its own process group ({@link Setsid}) and is handed to {@link #watch}.
 *
 * <ul>
 *   <li>While the platform runs, its {@link Watchdog} ends every group it was told of once the
 *       platform's JVM is gone: SIGTERM, SIGKILL, an OOM kill or a crash alike.</li>
 *   <li>So that a watchdog that died with its platform is covered too, the groups are also listed in
 *       a {@link GroupRecord} in the data folder, and {@link #open} ends what dead predecessors left
 *       ({@link LeftoverSweep}).</li>
 *   <li>A graceful stop ends the processes itself first; {@link #close} then ends the watchdog and
 *       removes the record.</li>
 * </ul>
 */
public final class ProcessGuard implements AutoCloseable {

    /** Null when no bash could be started: then only the records guard the processes. */
    private final Watchdog watchdog;
    /** Null without {@code /proc}, where processes cannot be told apart from later ones with their pid. */
    private final GroupRecord record;

    private ProcessGuard(Watchdog watchdog, GroupRecord record) {
        this.watchdog = watchdog;
        this.record = record;
    }

    /**
     * Ends what platforms that died on this data folder left running, then starts guarding.
     *
     * @param folder  where the records are kept, {@code DATA/processes}
     * @param notices told what was ended, and what cannot be guarded here
     */
    public static ProcessGuard open(Path folder, Consumer<String> notices) {
        Optional<ProcessIdentity> self = ProcessIdentity.current();
        GroupRecord record = null;
        if (self.isPresent()) {
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + folder, e);
            }
            LeftoverSweep.Swept swept = LeftoverSweep.endThoseOfDeadPlatforms(folder);
            if (swept.endedGroups() > 0) {
                notices.accept("ended " + swept.endedGroups() + " function process group(s) that "
                        + (swept.deadPlatforms() == 1 ? "a platform" : swept.deadPlatforms() + " platforms")
                        + " which died on this data folder left running");
            }
            record = GroupRecord.create(folder, self.get());
        }
        Watchdog watchdog;
        try {
            watchdog = Watchdog.start();
        } catch (IOException e) {
            watchdog = null;
            notices.accept("cannot start the watchdog that ends function processes if the platform dies ("
                    + e.getMessage() + "); if it dies, the next start on this data folder ends them");
        }
        return new ProcessGuard(watchdog, record);
    }

    /**
     * Guards {@code leader}, a function or extension process just started, with its group: until it
     * exits, and then the rest of its group is ended, as Lambda ends an environment whose runtime or
     * extension died.
     */
    public void watch(Process leader) {
        long pgid = leader.pid();
        if (watchdog != null) {
            watchdog.watch(pgid);
        }
        if (record != null) {
            ProcessIdentity.of(pgid).ifPresent(identity -> update(() -> record.add(identity)));
        }
        leader.onExit().thenRun(() -> {
            if (watchdog != null) {
                watchdog.release(pgid);
            }
            if (record != null) {
                update(() -> record.remove(pgid));
            }
        });
    }

    private void update(Runnable change) {
        try {
            change.run();
        } catch (UncheckedIOException e) {
            System.err.println("overtime: cannot update " + record.file() + ": " + e.getCause().getMessage()
                    + "; if the platform and its watchdog both die, a restart may not end every function process");
        }
    }

    /** After a graceful stop: ends the watchdog (and any group still listed) and removes the record. */
    @Override
    public void close() {
        if (watchdog != null) {
            watchdog.close();
        }
        if (record != null) {
            try {
                record.delete();
            } catch (UncheckedIOException e) {
                System.err.println("overtime: cannot remove " + record.file() + ": " + e.getCause().getMessage());
            }
        }
    }
}

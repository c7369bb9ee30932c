package dev.overtime.platform.processes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The process groups one platform has running, kept in a file of the data folder so that a later
 * platform can end them if this one dies without doing so itself. The file is named after its
 * owner, {@code <pid>-<start ticks>-<n>.groups} ({@code n} tells apart platforms in one JVM), and
 * holds one line per group: its id and its leader's start ticks.
 *
 * <p>Each change rewrites the file whole and renames it into place, so a reader never sees half a
 * line. Groups come and go with environments, tens of times a minute at most.
 */
final class GroupRecord {

    static final String SUFFIX = ".groups";
    private static final String WRITING = ".writing";
    private static final Pattern NAME = Pattern.compile("(\\d+)-(\\d+)-\\d+" + Pattern.quote(SUFFIX));
    private static final AtomicInteger PLATFORMS_IN_THIS_JVM = new AtomicInteger();

    private final Path file;
    private final Path writing;
    private final Map<Long, ProcessIdentity> leaders = new LinkedHashMap<>();
    private boolean deleted;

    private GroupRecord(Path file) {
        this.file = file;
        this.writing = file.resolveSibling(file.getFileName() + WRITING);
    }

    /** An empty record for {@code owner} in {@code folder}. */
    static GroupRecord create(Path folder, ProcessIdentity owner) {
        GroupRecord record = new GroupRecord(folder.resolve(owner.pid() + "-" + owner.startTicks() + "-"
                + PLATFORMS_IN_THIS_JVM.incrementAndGet() + SUFFIX));
        record.write();
        return record;
    }

    Path file() {
        return file;
    }

    /** Records a group whose leader is {@code leader}. */
    synchronized void add(ProcessIdentity leader) {
        if (!deleted) {
            leaders.put(leader.pid(), leader);
            write();
        }
    }

    /** Forgets group {@code pgid}: it has ended. */
    synchronized void remove(long pgid) {
        if (!deleted && leaders.remove(pgid) != null) {
            write();
        }
    }

    /** Removes the file; later changes are ignored. */
    synchronized void delete() {
        deleted = true;
        try {
            Files.deleteIfExists(writing);
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write() {
        StringBuilder lines = new StringBuilder();
        leaders.values().forEach(leader -> lines.append(leader.pid()).append(' ').append(leader.startTicks()).append('\n'));
        try {
            Files.writeString(writing, lines);
            Files.move(writing, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The records in {@code folder}, whoever owns them. */
    static List<Path> in(Path folder) {
        try (var files = Files.list(folder)) {
            return files.filter(f -> NAME.matcher(f.getFileName().toString()).matches()).sorted().toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The platform that wrote {@code record}, from its name. */
    static ProcessIdentity ownerOf(Path record) {
        Matcher m = NAME.matcher(record.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(record + " is not a record of process groups");
        }
        return new ProcessIdentity(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
    }

    /**
     * The group leaders {@code record} lists, with those of a rewrite its owner died in the middle of
     * (that one may list a group the record does not yet). Lines that do not parse are skipped.
     */
    static List<ProcessIdentity> leadersIn(Path record) {
        List<ProcessIdentity> leaders = new ArrayList<>();
        for (Path file : List.of(record, record.resolveSibling(record.getFileName() + WRITING))) {
            for (String line : linesOf(file)) {
                String[] fields = line.trim().split(" ");
                try {
                    ProcessIdentity leader = new ProcessIdentity(Long.parseLong(fields[0]), Long.parseLong(fields[1]));
                    if (!leaders.contains(leader)) {
                        leaders.add(leader);
                    }
                } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                    // A line cut short by a full disk, say: nothing to identify, so nothing to end.
                }
            }
        }
        return leaders;
    }

    /** Removes {@code record} of a dead platform, with any rewrite it left. */
    static void deleteLeftover(Path record) {
        try {
            Files.deleteIfExists(record.resolveSibling(record.getFileName() + WRITING));
            Files.deleteIfExists(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> linesOf(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

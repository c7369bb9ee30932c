package dev.overtime.platform.processes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * util-linux's {@code setsid}, which starts a command as the leader of a new session and process
 * group. The platform's children are never group leaders themselves, so {@code setsid} calls
 * {@code setsid(2)} and execs the command in the same process: the pid Java sees is the group's id.
 */
public final class Setsid {

    private static final Optional<Path> BINARY = find();

    private Setsid() {
    }

    /** Whether {@code setsid} exists, so that processes can be started as group leaders. */
    public static boolean available() {
        return BINARY.isPresent();
    }

    /** {@code command} started through {@code setsid}, or unchanged when there is none. */
    public static List<String> wrap(List<String> command) {
        if (BINARY.isEmpty()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(command.size() + 1);
        wrapped.add(BINARY.get().toString());
        wrapped.addAll(command);
        return wrapped;
    }

    private static Optional<Path> find() {
        for (String candidate : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Optional.of(Path.of(candidate));
            }
        }
        return Optional.empty();
    }
}

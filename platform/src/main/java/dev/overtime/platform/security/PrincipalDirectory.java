package dev.overtime.platform.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The principals of the iam file, re-read when the file changes, so keys rotate without a restart.
 * Lookups read one volatile map; {@link #reloadIfChanged()} runs on the timer thread, never a selector.
 * A file that no longer parses leaves the last good principals in place, and says why.
 */
public final class PrincipalDirectory {

    private final Path file;
    private final String accountId;
    private final Consumer<String> notices;
    private volatile Map<String, Principal> byKey;
    private Object lastSeen;

    private PrincipalDirectory(Path file, String accountId, Consumer<String> notices, Map<String, Principal> byKey,
                               Object lastSeen) {
        this.file = file;
        this.accountId = accountId;
        this.notices = notices;
        this.byKey = byKey;
        this.lastSeen = lastSeen;
    }

    /** Reads the file once; a broken file stops the start with its error. */
    public static PrincipalDirectory open(Path file, String accountId, Consumer<String> notices) throws IOException {
        Object seen = stamp(file);
        return new PrincipalDirectory(file, accountId, notices, IamFile.read(file, accountId), seen);
    }

    public Principal byAccessKey(String accessKeyId) {
        return byKey.get(accessKeyId);
    }

    public int size() {
        return byKey.size();
    }

    public synchronized void reloadIfChanged() {
        Object seen;
        try {
            seen = stamp(file);
        } catch (IOException e) {
            return;
        }
        if (Objects.equals(seen, lastSeen)) {
            return;
        }
        lastSeen = seen;
        try {
            byKey = IamFile.read(file, accountId);
            notices.accept("re-read " + file + ": " + byKey.size() + " principals");
        } catch (IOException | IllegalArgumentException e) {
            notices.accept("kept the previous principals, " + file + " could not be read: " + e.getMessage());
        }
    }

    /** The content's hash: a rewrite within the file system's time resolution still counts as a change. */
    private static Object stamp(Path file) throws IOException {
        return dev.overtime.platform.security.sigv4.Hashing.sha256Hex(Files.readAllBytes(file));
    }
}

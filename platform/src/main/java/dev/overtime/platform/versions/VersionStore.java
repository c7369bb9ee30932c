package dev.overtime.platform.versions;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Keeps each function's {@link StoredFunction} in {@code DATA/functions/<name>/versions.json}, written
 * whole to a temporary file, forced to disk and renamed into place, so a crash leaves the old or the
 * new state, never a torn one.
 */
public final class VersionStore {

    private final Path folder;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public VersionStore(Path dataDir) {
        this.folder = dataDir.resolve("functions");
    }

    /** The platform's data folder. */
    public Path dataDir() {
        return folder.toAbsolutePath().getParent();
    }

    /** The folder that holds what the store keeps of {@code function}, code snapshots included. */
    public Path folderOf(String function) {
        return folder.resolve(function);
    }

    public Optional<StoredFunction> load(String function) {
        Path file = folderOf(function).resolve("versions.json");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file.toFile(), StoredFunction.class));
        } catch (IOException e) {
            throw new UncheckedIOException("the stored versions of " + function + " (" + file
                    + ") cannot be read: " + e.getMessage(), e);
        }
    }

    public void save(String function, StoredFunction state) {
        Path dir = folderOf(function);
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "versions", ".tmp");
            try (var out = Files.newOutputStream(tmp); var channel = java.nio.channels.Channels.newChannel(out)) {
                out.write(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
                out.flush();
            }
            try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(tmp, dir.resolve("versions.json"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not store the versions of " + function + ": " + e.getMessage(), e);
        }
    }
}

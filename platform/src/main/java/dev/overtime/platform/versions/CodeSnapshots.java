package dev.overtime.platform.versions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * Immutable copies of function code, so a published version keeps running the code it was published
 * with whatever happens to the template's folder later. One copy per function and SHA-256, in
 * {@code DATA/functions/<name>/code/<sha256 hex>/}, made in a temporary folder and renamed into place.
 */
public final class CodeSnapshots {

    private final VersionStore store;

    public CodeSnapshots(VersionStore store) {
        this.store = store;
    }

    /** Writes one entry of a snapshot folder. */
    private interface Writer {
        void write(Path target) throws IOException;
    }

    /** The snapshot of {@code code} (a folder or a file) whose SHA-256 is {@code sha256}, made if missing. */
    public Path snapshot(String function, Path code, String sha256) {
        String name = Files.isDirectory(code) ? "code" : code.getFileName().toString();
        return place(function, sha256, name, target -> copy(code, target, store.dataDir()),
                "could not copy the code of " + function + " (" + code + ")");
    }

    /** Stores uploaded bytes ({@code ZipFile}) as {@code function.zip} under their SHA-256. */
    public Path store(String function, byte[] zip, String sha256) {
        return place(function, sha256, "function.zip", target -> Files.write(target, zip),
                "could not store the code of " + function);
    }

    /**
     * {@code DATA/functions/<function>/code/<sha>/<name>}, written by {@code writer} into a temporary
     * folder renamed into place, unless it is there already; of two platforms racing, one rename wins.
     */
    private Path place(String function, String sha256, String name, Writer writer, String failure) {
        Path dir = folderFor(function, sha256);
        Path target = dir.resolve(name);
        if (Files.exists(target)) {
            return target;
        }
        try {
            Files.createDirectories(dir.getParent());
            Path tmp = Files.createTempDirectory(dir.getParent(), ".snapshot");
            writer.write(tmp.resolve(name));
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
                deleteTree(tmp);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(failure + ": " + e.getMessage(), e);
        }
    }

    private Path folderFor(String function, String sha256) {
        String hex = HexFormat.of().formatHex(Base64.getDecoder().decode(sha256));
        return store.folderOf(function).resolve("code").resolve(hex);
    }

    /** Copies {@code from} to {@code to}, leaving out the data folder when the code's folder holds it. */
    private static void copy(Path from, Path to, Path dataDir) throws IOException {
        if (!Files.isDirectory(from)) {
            Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
            return;
        }
        try (Stream<Path> all = Files.walk(from)) {
            for (Path source : (Iterable<Path>) all.filter(p -> !p.toAbsolutePath().startsWith(dataDir))::iterator) {
                Path dest = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(source, dest, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}

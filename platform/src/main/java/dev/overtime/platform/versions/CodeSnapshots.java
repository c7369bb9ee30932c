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

    /** The snapshot of {@code code} (a folder or a file) whose SHA-256 is {@code sha256}, made if missing. */
    public Path snapshot(String function, Path code, String sha256) {
        Path dir = folderFor(function, sha256);
        Path target = dir.resolve(Files.isDirectory(code) ? "code" : code.getFileName().toString());
        if (Files.exists(target)) {
            return target;
        }
        try {
            Files.createDirectories(dir.getParent());
            Path tmp = Files.createTempDirectory(dir.getParent(), ".snapshot");
            Path copy = tmp.resolve(target.getFileName().toString());
            copy(code, copy, store.dataDir());
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
                deleteTree(tmp);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy the code of " + function + " (" + code + "): "
                    + e.getMessage(), e);
        }
    }

    /** Stores uploaded bytes ({@code ZipFile}) as {@code function.zip} under their SHA-256. */
    public Path store(String function, byte[] zip, String sha256) {
        Path dir = folderFor(function, sha256);
        Path target = dir.resolve("function.zip");
        if (Files.exists(target)) {
            return target;
        }
        try {
            Files.createDirectories(dir.getParent());
            Path tmp = Files.createTempDirectory(dir.getParent(), ".upload");
            Files.write(tmp.resolve("function.zip"), zip);
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
                deleteTree(tmp);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not store the code of " + function + ": " + e.getMessage(), e);
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

package dev.overtime.platform.environment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns a function's code into a task root folder: a folder is used as it is; a {@code .zip} or
 * {@code .jar} is unpacked once into the data folder (keyed by path, size and modification time),
 * with the Unix permissions its entries carry, as Lambda does with a deployment package.
 */
public final class CodeUnpacker {
    private final Path codeDir;

    public CodeUnpacker(Path dataDir) {
        this.codeDir = dataDir.resolve("code");
    }

    public Path taskRoot(String functionName, Path code) {
        if (Files.isDirectory(code)) {
            return code;
        }
        try {
            Path target = codeDir.resolve(functionName).resolve(fingerprint(code));
            synchronized (this) {
                if (!Files.isDirectory(target)) {
                    Path partial = Files.createDirectories(target.resolveSibling(target.getFileName() + ".partial"));
                    unzip(code, partial);
                    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + code + ": " + e.getMessage(), e);
        }
    }

    /** Unpacks every entry of {@code archive} into {@code target}, replacing files already there. */
    static void unzip(Path archive, Path target) throws IOException {
        URI uri = URI.create("jar:" + archive.toUri());
        try (FileSystem zip = FileSystems.newFileSystem(uri, Map.of("enablePosixFileAttributes", "true"));
             Stream<Path> entries = Files.walk(zip.getPath("/"))) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                Path out = target.resolve(entry.toString().substring(1)).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("entry escapes the task root: " + entry);
                }
                if (Files.isDirectory(entry)) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                Files.copy(entry, out, StandardCopyOption.REPLACE_EXISTING);
                copyPermissions(entry, out);
            }
        }
    }

    private static void copyPermissions(Path entry, Path out) {
        try {
            PosixFileAttributeView view = Files.getFileAttributeView(entry, PosixFileAttributeView.class);
            if (view == null) {
                return;
            }
            Set<PosixFilePermission> perms = view.readAttributes().permissions();
            if (!perms.isEmpty()) {
                perms.add(PosixFilePermission.OWNER_READ);
                Files.setPosixFilePermissions(out, perms);
            }
        } catch (IOException | UnsupportedOperationException ignored) {
            // archives made without Unix modes keep the default permissions
        }
    }

    private static String fingerprint(Path code) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(code.toAbsolutePath().toString().getBytes());
            sha.update(Long.toString(Files.size(code)).getBytes());
            sha.update(Files.getLastModifiedTime(code).toString().getBytes());
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

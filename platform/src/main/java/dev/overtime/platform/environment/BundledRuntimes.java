package dev.overtime.platform.environment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The runtime clients the platform ships inside its own jar (the Java runtime jar and the Node
 * client), copied once into the data folder so function processes can run them. The folder name
 * is a hash of the Java runtime jar, so a running function never sees its files replaced.
 */
public final class BundledRuntimes {
    private static final String RESOURCE_ROOT = "/overtime";

    private final Path root;

    private BundledRuntimes(Path root) {
        this.root = root;
    }

    public static BundledRuntimes extract(Path dataDir) {
        try {
            URL rootUrl = BundledRuntimes.class.getResource(RESOURCE_ROOT);
            if (rootUrl == null) {
                throw new IllegalStateException("the platform was built without its runtimes (" + RESOURCE_ROOT
                        + " is missing from the class path); rebuild with ./overtime or ./mvnw package");
            }
            Path runtimes = Files.createDirectories(dataDir.resolve("runtimes"));
            Path partial = Files.createTempDirectory(runtimes, "unpacking-");
            copyTree(rootUrl.toURI(), partial);
            Path target = runtimes.resolve(hashOfTree(partial));
            if (Files.isRegularFile(target.resolve("overtime-runtime.jar"))) {
                deleteTree(partial);
            } else {
                try {
                    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException raced) {
                    deleteTree(partial);
                    if (!Files.isDirectory(target)) {
                        throw raced;
                    }
                }
            }
            return new BundledRuntimes(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the bundled runtimes: " + e.getMessage(), e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path javaRuntimeJar() {
        return root.resolve("overtime-runtime.jar");
    }

    /** The web adapter's jar; missing when the platform was built without the {@code web-adapter} module. */
    public Path webAdapterJar() {
        return root.resolve("overtime-web-adapter.jar");
    }

    /**
     * Writes the built-in web adapter layer, whose launcher runs the adapter with {@code java}, under
     * {@code <data>/runtimes/<hash>/layers/web-adapter}.
     */
    public WebAdapterLayerFolder webAdapterLayer(Path java) {
        return WebAdapterLayerFolder.write(root.resolve("layers").resolve("web-adapter"), webAdapterJar(), java);
    }

    public Path nodeBootstrap() {
        return root.resolve("node").resolve("bootstrap.mjs");
    }

    private static void copyTree(URI source, Path target) throws IOException {
        if ("jar".equals(source.getScheme())) {
            FileSystem fs;
            boolean opened = false;
            try {
                fs = FileSystems.newFileSystem(source, Map.of());
                opened = true;
            } catch (FileSystemAlreadyExistsException e) {
                fs = FileSystems.getFileSystem(source);
            }
            try {
                copyDir(fs.getPath(RESOURCE_ROOT), target);
            } finally {
                if (opened) {
                    fs.close();
                }
            }
        } else {
            copyDir(Path.of(source), target);
        }
    }

    private static void copyDir(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path out = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(out);
                } else {
                    Files.copy(file, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static String hashOfTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                sha.update(dir.relativize(file).toString().getBytes());
                try (InputStream in = Files.newInputStream(file)) {
                    byte[] buffer = new byte[1 << 16];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        sha.update(buffer, 0, n);
                    }
                }
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}

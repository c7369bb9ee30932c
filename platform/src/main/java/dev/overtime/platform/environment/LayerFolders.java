package dev.overtime.platform.environment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Builds, per function, the folder that stands in for AWS's {@code /opt}: every layer copied (a folder)
 * or unpacked (a {@code .zip}) into {@code <data>/layers/<function>/opt} in order, so a later layer's
 * files replace an earlier one's. Overtime does not chroot, so the real {@code /opt} stays the host's.
 */
public final class LayerFolders {

    private final Path layersDir;
    /** The layers each function's folder was built from during this run. */
    private final Map<String, List<Path>> builtFrom = new HashMap<>();

    /** The folders of the built-in layers, by the marker that stands for each among a function's layers. */
    private final Map<Path, Path> builtIn;

    public LayerFolders(Path dataDir) {
        this(dataDir, Map.of());
    }

    /**
     * @param builtIn the folder each built-in layer's marker (such as
     *                {@link dev.overtime.platform.function.WebAdapterLayer#MARKER}) stands for
     */
    public LayerFolders(Path dataDir, Map<Path, Path> builtIn) {
        this.layersDir = dataDir.resolve("layers");
        this.builtIn = Map.copyOf(builtIn);
    }

    /**
     * The function's {@code /opt} folder, built on first use in this run (so edits to a layer folder take
     * effect when the platform restarts); empty when the function has no layers.
     *
     * @throws UncheckedIOException when a layer cannot be copied or unpacked
     */
    public synchronized Optional<Path> optFor(String functionName, List<Path> layers) {
        if (layers.isEmpty()) {
            return Optional.empty();
        }
        Path opt = layersDir.resolve(functionName).resolve("opt");
        if (!layers.equals(builtFrom.get(functionName))) {
            try {
                build(opt, layers.stream().map(layer -> builtIn.getOrDefault(layer, layer)).toList());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot build the layers of " + functionName + " into " + opt + ": "
                        + e.getMessage(), e);
            }
            builtFrom.put(functionName, layers);
        }
        return Optional.of(opt);
    }

    private static void build(Path opt, List<Path> layers) throws IOException {
        Path partial = opt.resolveSibling(opt.getFileName() + ".partial");
        deleteTree(partial);
        Files.createDirectories(partial);
        for (Path layer : layers) {
            if (Files.isDirectory(layer)) {
                copyTree(layer, partial);
            } else {
                CodeUnpacker.unzip(layer, partial);
            }
        }
        deleteTree(opt);
        Files.move(partial, opt, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path out = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(out);
                } else {
                    Files.copy(path, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** Deletes {@code root} and everything in it; nothing when it does not exist. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}

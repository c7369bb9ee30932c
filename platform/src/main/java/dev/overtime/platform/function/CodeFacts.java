package dev.overtime.platform.function;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.stream.Stream;

/**
 * What GetFunction reports about code: its size, its SHA-256 (base64, as Lambda prints it) and when it changed.
 * For a folder the hash covers every file's relative path and content, in path order.
 */
public record CodeFacts(long size, String sha256, Instant lastModified) {

    /** The SHA-256 of bytes, base64, as Lambda prints {@code CodeSha256}. */
    public static String sha256Of(byte[] bytes) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static CodeFacts of(Path code) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long size = 0;
            Instant modified = Files.getLastModifiedTime(code).toInstant();
            try (Stream<Path> files = Files.isDirectory(code) ? Files.walk(code) : Stream.of(code)) {
                for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                    if (Files.isDirectory(code)) {
                        sha.update(code.relativize(file).toString().getBytes());
                    }
                    size += Files.size(file);
                    Instant m = Files.getLastModifiedTime(file).toInstant();
                    if (m.isAfter(modified)) {
                        modified = m;
                    }
                    try (InputStream in = Files.newInputStream(file)) {
                        byte[] buffer = new byte[1 << 16];
                        for (int n; (n = in.read(buffer)) > 0; ) {
                            sha.update(buffer, 0, n);
                        }
                    }
                }
            }
            return new CodeFacts(size, Base64.getEncoder().encodeToString(sha.digest()), modified);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.overtime.bench;

import java.io.BufferedOutputStream;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/**
 * A console on {@code /dev/null}, built the way the JVM builds {@code System.out} (a 128-byte buffer
 * flushed at every line, the console's charset), so echoing function output into it costs the
 * platform what echoing to a console costs: every line formatted and written with its own system
 * call. Only a terminal's work of showing the lines is left out.
 */
final class DiscardedConsole {

    private static PrintStream stream;

    private DiscardedConsole() {
    }

    /** One stream for the whole run, however many platforms echo into it. */
    static synchronized PrintStream stream() {
        if (stream == null) {
            try {
                stream = new PrintStream(new BufferedOutputStream(new FileOutputStream("/dev/null"), 128), true,
                        System.out.charset());
            } catch (FileNotFoundException e) {
                throw new UncheckedIOException(e);
            }
        }
        return stream;
    }
}

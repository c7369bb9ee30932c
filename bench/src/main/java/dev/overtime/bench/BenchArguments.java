package dev.overtime.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A benchmark's command line: positional numbers (or words), and flags ({@code --name}) anywhere
 * among them. A missing number takes its default; a number that is not non-negative, or a flag the
 * benchmark does not know, stops the run with the usage line and exit status 2, not a stack trace.
 */
final class BenchArguments {

    private final List<String> positional = new ArrayList<>();
    private final Set<String> flags = new HashSet<>();
    private final String usage;

    BenchArguments(String[] args, String usage, String... knownFlags) {
        this.usage = usage;
        Set<String> known = Set.of(knownFlags);
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                positional.add(arg);
            } else if (known.contains(arg)) {
                flags.add(arg);
            } else {
                refuse(arg);
            }
        }
    }

    double number(int index, double otherwise) {
        if (index >= positional.size()) {
            return otherwise;
        }
        try {
            double value = Double.parseDouble(positional.get(index));
            if (value >= 0 && Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // Reported below with the usage.
        }
        return refuse(positional.get(index));
    }

    int count(int index, int otherwise) {
        double value = number(index, otherwise);
        if (value != Math.rint(value) || value > Integer.MAX_VALUE) {
            return (int) refuse(positional.get(index));
        }
        return (int) value;
    }

    /** The positional argument at {@code index} as given, or null if there are fewer. */
    String word(int index) {
        return index < positional.size() ? positional.get(index) : null;
    }

    /** Whether the flag (one of the known ones) was given. */
    boolean has(String flag) {
        return flags.contains(flag);
    }

    /** Stops the run: {@code given} is not what the usage asks for. */
    double refuse(String given) {
        System.err.println("usage: " + usage + "; got '" + given + "'");
        System.exit(2);
        return 0;
    }
}

package dev.overtime.bench;

/**
 * The positional numbers a benchmark takes. A missing one takes its default; one that is not a
 * non-negative number stops the run with the usage line and exit status 2, not a stack trace.
 */
final class BenchArguments {

    private final String[] args;
    private final String usage;

    BenchArguments(String[] args, String usage) {
        this.args = args;
        this.usage = usage;
    }

    double number(int index, double otherwise) {
        if (index >= args.length) {
            return otherwise;
        }
        try {
            double value = Double.parseDouble(args[index]);
            if (value >= 0 && Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // Reported below with the usage.
        }
        return refuse(args[index]);
    }

    int count(int index, int otherwise) {
        double value = number(index, otherwise);
        if (value != Math.rint(value) || value > Integer.MAX_VALUE) {
            return (int) refuse(args[index]);
        }
        return (int) value;
    }

    /** Stops the run: {@code given} is not what the usage asks for. */
    double refuse(String given) {
        System.err.println("usage: " + usage + "; got '" + given + "'");
        System.exit(2);
        return 0;
    }
}

package dev.overtime.bench;

import dev.overtime.platform.environment.EnvironmentSettings;
import dev.overtime.platform.server.PlatformConfig;
import dev.overtime.platform.server.ServeDefaults;

import java.nio.file.Path;

/**
 * The configuration a benchmark's platform runs with: {@code overtime serve}'s defaults
 * ({@link ServeDefaults}), changed only by the serve flags the run names, so that a figure is what
 * serve users get unless its report says otherwise. Function output, when echoed, goes to
 * {@link DiscardedConsole}: the echo runs in full, and the report stays readable.
 *
 * @param noFreeze as {@code serve --no-freeze}: environments run on between invocations
 * @param quiet    as {@code serve --quiet}: function output is not echoed
 * @param noArchive as {@code serve --no-class-data-archive}: Java functions start without the runtime's archive
 */
record ServeConfiguration(boolean noFreeze, boolean quiet, boolean noArchive) {

    static final ServeConfiguration DEFAULTS = new ServeConfiguration(false, false, false);
    static final ServeConfiguration NO_FREEZE_QUIET = new ServeConfiguration(true, true, false);

    ServeConfiguration(boolean noFreeze, boolean quiet) {
        this(noFreeze, quiet, false);
    }

    /** The flags {@link #of} reads, for {@link BenchArguments}, and their usage text. */
    static final String[] FLAGS = {"--no-freeze", "--quiet", "--no-class-data-archive"};
    static final String USAGE = "[--no-freeze] [--quiet] [--no-class-data-archive]";

    /** Selector threads: {@code -Dovertime.bench.selectors=N} as {@code serve --selectors N}; 0 keeps serve's one per core. */
    static final int SELECTORS = Integer.getInteger("overtime.bench.selectors", 0);

    /** Freeze grace: {@code -Dovertime.bench.freezeGrace=MS} as {@code serve --freeze-grace MS}; unset keeps serve's. */
    static final Long FREEZE_GRACE_MILLIS = Long.getLong("overtime.bench.freezeGrace");

    /** From serve flags in one string, split at spaces or commas, e.g. {@code "--no-freeze,--quiet"}. */
    static ServeConfiguration of(String flags) {
        java.util.List<String> given = java.util.Arrays.asList(flags.trim().split("[\\s,]+"));
        return new ServeConfiguration(given.contains("--no-freeze"), given.contains("--quiet"),
                given.contains("--no-class-data-archive"));
    }

    static ServeConfiguration of(BenchArguments arguments) {
        return new ServeConfiguration(arguments.has("--no-freeze"), arguments.has("--quiet"),
                arguments.has("--no-class-data-archive"));
    }

    /** serve's configuration with these flags, on a free loopback port, with its data in {@code data}. */
    PlatformConfig config(Path data) {
        PlatformConfig serve = ServeDefaults.config("127.0.0.1", 0, data);
        EnvironmentSettings settings = serve.environments();
        if (noFreeze) {
            settings = settings.withFreeze(false);
        }
        if (quiet) {
            settings = settings.withEcho(false);
        }
        if (noArchive) {
            settings = settings.withClassDataArchive(false);
        }
        if (FREEZE_GRACE_MILLIS != null) {
            settings = settings.withFreezeGrace(java.time.Duration.ofMillis(FREEZE_GRACE_MILLIS));
        }
        PlatformConfig config = serve.withEnvironments(settings).withConsole(DiscardedConsole.stream());
        return SELECTORS > 0 ? config.withSelectors(SELECTORS) : config;
    }

    /** The serve command line this configuration is, e.g. {@code serve --no-freeze --quiet}. */
    String command() {
        return "serve" + (noFreeze ? " --no-freeze" : "") + (quiet ? " --quiet" : "")
                + (noArchive ? " --no-class-data-archive" : "")
                + (SELECTORS > 0 ? " --selectors " + SELECTORS : "")
                + (FREEZE_GRACE_MILLIS != null ? " --freeze-grace " + FREEZE_GRACE_MILLIS : "");
    }

    /** For a report: the command line and what it does, e.g. "`serve` (serve's defaults: freeze on, ...)". */
    String describe() {
        EnvironmentSettings settings = config(Path.of(".")).environments();
        String what = (settings.freeze() ? "freeze on" : "freeze off") + ", "
                + (settings.echoFunctionLogs() ? "function output echoed to /dev/null" : "function output not echoed")
                + (settings.classDataArchive() ? ", class-data archive" : ", no class-data archive");
        return "`" + command() + "` (" + (equals(DEFAULTS) && SELECTORS == 0 && FREEZE_GRACE_MILLIS == null ? "serve's defaults: " : "") + what + ")";
    }
}

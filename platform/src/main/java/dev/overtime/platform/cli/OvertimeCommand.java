package dev.overtime.platform.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code overtime}: the command line. Every failure is one line on stderr and a non-zero exit
 * (2 for wrong usage, 1 for everything else), never a stack trace.
 */
@Command(name = "overtime", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "A self-hostable, AWS Lambda-compatible function platform.",
        subcommands = {ServeCommand.class, InvokeCommand.class, EventsCommand.class, CommandLine.HelpCommand.class})
public final class OvertimeCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new OvertimeCommand());
        cli.setParameterExceptionHandler((e, argv) -> {
            System.err.println("overtime: " + e.getMessage() + " (see '"
                    + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return 2;
        });
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            System.err.println("overtime: " + CliFailure.describe(e));
            return 1;
        });
        return cli.execute(args);
    }
}

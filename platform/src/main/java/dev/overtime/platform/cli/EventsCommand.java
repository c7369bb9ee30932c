package dev.overtime.platform.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code overtime events}: look into a running platform's asynchronous event queue and redrive dead events. */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = "Inspect a function's asynchronous events and redrive dead ones.",
        subcommands = {EventsListCommand.class, EventsShowCommand.class, EventsRedriveCommand.class})
final class EventsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}

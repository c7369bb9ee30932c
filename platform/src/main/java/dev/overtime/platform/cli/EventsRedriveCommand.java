package dev.overtime.platform.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code overtime events redrive}: dead events back in the queue, with their attempts reset. */
@Command(name = "redrive", mixinStandardHelpOptions = true,
        description = "Put dead events back in the queue; they are attempted again as if just accepted.")
final class EventsRedriveCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "Function name or ARN")
    String name;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "ID", description = "Ids of dead events")
    List<String> ids = new ArrayList<>();

    @Option(names = "--all", description = "Redrive every dead event of the function")
    boolean all;

    @Mixin
    EndpointOption endpoint;

    @Override
    public Integer call() throws Exception {
        if (all == !ids.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), all
                    ? "give event ids or --all, not both" : "give the ids of the dead events to redrive, or --all");
        }
        EventQueueClient events = new EventQueueClient(endpoint.client(), name);
        List<String> redriven = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        if (all) {
            redriven.addAll(events.redriveAll());
        } else {
            for (String id : new LinkedHashSet<>(ids)) {
                try {
                    redriven.addAll(events.redrive(id));
                } catch (ApiFailure e) {
                    // A refused id does not stop the others; an unreachable platform (not an ApiFailure) does.
                    refused.add(e.getMessage());
                }
            }
        }
        if (!redriven.isEmpty() || refused.isEmpty()) {
            System.out.println("redriven " + redriven.size() + " event(s)");
            redriven.forEach(System.out::println);
        }
        refused.forEach(message -> System.err.println("overtime: " + message));
        return refused.isEmpty() ? 0 : 1;
    }
}

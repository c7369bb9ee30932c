package dev.overtime.platform.cli;

import dev.overtime.platform.async.EventState;
import dev.overtime.platform.async.api.EventQueueApi;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code overtime events list}: counts per state, then the events, oldest first. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Show how many events are queued, in flight, retrying and dead, then the events, oldest first.")
final class EventsListCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "Function name or ARN")
    String name;

    @Option(names = {"-s", "--state"}, split = ",", paramLabel = "STATE", converter = StateLabel.class,
            description = "Only events in these states: queued, in-flight, retrying, dead (comma-separated)")
    List<String> states = new ArrayList<>();

    @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "" + EventQueueApi.DEFAULT_LIMIT,
            description = "List at most N events (default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--json", description = "Print the API's JSON document instead of a table")
    boolean json;

    @Mixin
    EndpointOption endpoint;

    @Override
    public Integer call() throws Exception {
        if (limit < 1 || limit > EventQueueApi.MAX_LIMIT) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--limit must be from 1 to " + EventQueueApi.MAX_LIMIT);
        }
        Set<String> wanted = new LinkedHashSet<>(states);
        String body = new EventQueueClient(endpoint.client(), name).list(wanted, limit);
        if (json) {
            System.out.println(body);
        } else {
            EventTable.lines(EventQueueClient.parse(body), wanted).forEach(System.out::println);
        }
        return 0;
    }

    /** Accepts a state as the API names it ({@code in-flight}) or as the enum does ({@code IN_FLIGHT}). */
    static final class StateLabel implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                return EventState.ofLabel(value.strip()).label();
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}

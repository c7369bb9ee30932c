package dev.overtime.platform.cli;

import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code overtime events show}: one event, with its payload, as indented JSON. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Print one event: its state, attempts, last error and payload, as JSON.")
final class EventsShowCommand implements Callable<Integer> {

    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter().withSeparators(
            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));

    @Parameters(index = "0", paramLabel = "NAME", description = "Function name or ARN")
    String name;

    @Parameters(index = "1", paramLabel = "ID", description = "Event id (the request id of the Event invoke)")
    String id;

    @Mixin
    EndpointOption endpoint;

    @Override
    public Integer call() throws Exception {
        String body = new EventQueueClient(endpoint.client(), name).show(id);
        System.out.println(new ObjectMapper().writer(PRETTY).writeValueAsString(EventQueueClient.parse(body)));
        return 0;
    }
}

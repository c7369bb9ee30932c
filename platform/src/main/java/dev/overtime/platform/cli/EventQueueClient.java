package dev.overtime.platform.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Map;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Calls a function's event queue API, {@code /overtime/functions/{name}/events}; errors become {@link CliFailure}s. */
final class EventQueueClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PlatformClient platform;
    private final String events;

    EventQueueClient(PlatformClient platform, String function) {
        this.platform = platform;
        this.events = "/overtime/functions/" + PlatformClient.encode(function) + "/events";
    }

    /** The list document as the API sends it. */
    String list(Collection<String> states, int limit) throws IOException, InterruptedException {
        String state = states.isEmpty() ? "" : "&state=" + PlatformClient.encode(String.join(",", states));
        return get(events + "?limit=" + limit + state);
    }

    /** One event's summary and payload, as the API sends it. */
    String show(String id) throws IOException, InterruptedException {
        return get(events + "/" + PlatformClient.encode(id));
    }

    /** Redrives one dead event; an id that is not dead fails with the API's message. */
    List<String> redrive(String id) throws IOException, InterruptedException {
        return redriven(post(events + "/" + PlatformClient.encode(id) + "/redrive"));
    }

    List<String> redriveAll() throws IOException, InterruptedException {
        return redriven(post(events + "/redrive"));
    }

    static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new CliFailure("the platform answered with something other than JSON: " + e.getOriginalMessage());
        }
    }

    private String get(String path) throws IOException, InterruptedException {
        return PlatformClient.successBody(platform.send("GET", platform.uri(path), new byte[0], Map.of()));
    }

    private String post(String path) throws IOException, InterruptedException {
        return PlatformClient.successBody(platform.send("POST", platform.uri(path), new byte[0], Map.of()));
    }

    private static List<String> redriven(String body) {
        List<String> ids = new ArrayList<>();
        parse(body).path("Redriven").forEach(id -> ids.add(id.asText()));
        return ids;
    }
}

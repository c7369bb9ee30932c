package dev.overtime.platform.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The lines {@code overtime events list} prints for the API's list document: the counts, then one
 * aligned row per event (its qualifier, {@code -} when invoked without one) with its last error cut
 * to one short line.
 */
final class EventTable {

    static final int ERROR_WIDTH = 80;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] HEADER = {"EVENT ID", "QUALIFIER", "STATE", "ATTEMPTS", "ACCEPTED AT",
            "NEXT ATTEMPT / CONDITION", "LAST ERROR"};

    private EventTable() {
    }

    /** @param states the states asked for; empty means all */
    static List<String> lines(JsonNode doc, Collection<String> states) {
        List<String> lines = new ArrayList<>();
        lines.add(counts(doc.path("Counts")));
        JsonNode events = doc.path("Events");
        if (events.isEmpty()) {
            lines.add(states.isEmpty() ? "no events" : "no " + String.join(" or ", states) + " events");
            return lines;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        events.forEach(event -> rows.add(row(event)));
        lines.addAll(aligned(rows));
        long more = matching(doc.path("Counts"), states) - events.size();
        if (more > 0) {
            lines.add("... " + more + " more (raise --limit to see them)");
        }
        return lines;
    }

    private static String counts(JsonNode counts) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> count : counts.properties()) {
            parts.add(count.getKey() + " " + count.getValue().asLong());
        }
        return String.join("  ", parts);
    }

    private static long matching(JsonNode counts, Collection<String> states) {
        long n = 0;
        for (Map.Entry<String, JsonNode> count : counts.properties()) {
            if (states.isEmpty() || states.contains(count.getKey())) {
                n += count.getValue().asLong();
            }
        }
        return n;
    }

    private static String[] row(JsonNode event) {
        String next = event.hasNonNull("NextAttemptAt") ? event.get("NextAttemptAt").asText()
                : event.path("Condition").asText("-");
        String error = event.hasNonNull("LastError") ? oneLine(event.get("LastError").asText(), ERROR_WIDTH) : "-";
        return new String[]{event.path("EventId").asText(), event.path("Qualifier").asText("-"),
                event.path("State").asText(),
                event.path("Attempts").asText(), event.path("AcceptedAt").asText(), next, error};
    }

    private static List<String> aligned(List<String[]> rows) {
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length - 1; i++) {
                line.append(row[i]).append(" ".repeat(widths[i] - row[i].length() + 2));
            }
            lines.add(line.append(row[row.length - 1]).toString());
        }
        return lines;
    }

    /**
     * A function error body ({@code {"errorType", "errorMessage", "stackTrace"}}) as {@code type: message};
     * anything else as its text. Whitespace collapsed, at most {@code width} characters.
     */
    static String oneLine(String error, int width) {
        String text = error;
        JsonNode doc = parseOrNull(error);
        if (doc != null && doc.isObject() && (doc.has("errorType") || doc.has("errorMessage"))) {
            String type = doc.path("errorType").asText("");
            String message = doc.path("errorMessage").asText("");
            text = type.isEmpty() ? message : message.isEmpty() ? type : type + ": " + message;
        }
        text = text.replaceAll("\\s+", " ").strip();
        if (text.length() <= width) {
            return text;
        }
        int cut = width - 3;
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return text.substring(0, cut) + "...";
    }

    private static JsonNode parseOrNull(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}

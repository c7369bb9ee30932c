package dev.overtime.examples.chat;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.function.Predicate;

/**
 * Reads a {@code text/event-stream} as the HTML standard defines it: {@code data:} lines accumulate
 * (joined by newlines) until a blank line dispatches the event; comments ({@code :}) and other fields
 * are skipped.
 */
final class ServerSentEvents {

    private ServerSentEvents() {
    }

    /**
     * Hands each event's data to {@code onData} until the stream ends or {@code onData} returns false.
     *
     * @return true when {@code onData} stopped the stream, false when it ended by itself
     */
    static boolean read(BufferedReader in, Predicate<String> onData) throws IOException {
        StringBuilder data = null;
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null && !onData.test(data.toString())) {
                    return true;
                }
                data = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            if (!field.equals("data")) {
                continue;
            }
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
        }
        return data != null && !onData.test(data.toString());
    }
}

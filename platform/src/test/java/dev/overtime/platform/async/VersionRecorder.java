package dev.overtime.platform.async;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A test function that says which version ran: for every attempt it appends
 * {@code <request id> TAB <version> TAB <invoked ARN> TAB <event>} to the file {@code $LOG}, then fails
 * if the event contains {@code "fail":true}, else answers {@code {"version":"<version>"}}.
 */
public class VersionRecorder implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8).replace('\n', ' ');
        Files.writeString(Path.of(System.getenv("LOG")), context.getAwsRequestId() + "\t"
                        + context.getFunctionVersion() + "\t" + context.getInvokedFunctionArn() + "\t" + event + "\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        if (event.replace(" ", "").contains("\"fail\":true")) {
            throw new IllegalStateException("failed as asked, in version " + context.getFunctionVersion());
        }
        output.write(("{\"version\":\"" + context.getFunctionVersion() + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}

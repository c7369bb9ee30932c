package dev.overtime.platform.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes each event it receives, byte for byte, to {@code $RECORD_DIR/<request id>.json}. */
public class PayloadWriter implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Path dir = Path.of(System.getenv("RECORD_DIR"));
        Path partial = dir.resolve(context.getAwsRequestId() + ".part");
        Files.write(partial, input.readAllBytes());
        Files.move(partial, dir.resolve(context.getAwsRequestId() + ".json"));
        output.write("{}".getBytes());
    }
}

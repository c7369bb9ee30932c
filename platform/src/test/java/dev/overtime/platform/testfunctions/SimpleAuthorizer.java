package dev.overtime.platform.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** An HTTP API REQUEST authorizer with simple responses: {@code authorization: letmein} is allowed, team blue. */
public class SimpleAuthorizer implements RequestStreamHandler {

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        boolean allowed = event.contains("\"authorization\":\"letmein\"");
        output.write(("{\"isAuthorized\":" + allowed + ",\"context\":{\"team\":\"blue\"}}")
                .getBytes(StandardCharsets.UTF_8));
    }
}

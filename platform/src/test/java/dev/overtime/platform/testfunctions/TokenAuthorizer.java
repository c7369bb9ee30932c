package dev.overtime.platform.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A TOKEN authorizer: {@code allow-<user>} gets an Allow policy for every method with the context
 * {@code {"user": "<user>", "tier": "gold", "level": 3, "admin": false}}; {@code deny} an explicit Deny; anything else
 * {@code Unauthorized}.
 */
public class TokenAuthorizer implements RequestStreamHandler {

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        String token = field(event, "authorizationToken");
        String arn = field(event, "methodArn");
        String resource = arn.substring(0, arn.indexOf('/')) + "/*";
        if (token.startsWith("allow-")) {
            String user = token.substring("allow-".length());
            output.write(policy(user, "Allow", resource, ",\"context\":{\"user\":\"" + user
                    + "\",\"tier\":\"gold\",\"level\":3,\"admin\":false}"));
        } else if (token.equals("deny")) {
            output.write(policy("nobody", "Deny", resource, ""));
        } else {
            throw new IllegalStateException("Unauthorized");
        }
    }

    private static byte[] policy(String principal, String effect, String resource, String extra) {
        return ("{\"principalId\":\"" + principal + "\",\"policyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":"
                + "[{\"Action\":\"execute-api:Invoke\",\"Effect\":\"" + effect + "\",\"Resource\":\"" + resource
                + "\"}]}" + extra + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static String field(String json, String name) {
        int at = json.indexOf("\"" + name + "\"");
        int start = json.indexOf('"', json.indexOf(':', at) + 1) + 1;
        return json.substring(start, json.indexOf('"', start));
    }
}

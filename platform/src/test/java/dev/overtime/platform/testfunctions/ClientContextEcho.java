package dev.overtime.platform.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.LinkedHashMap;
import java.util.Map;

/** Returns what it sees of the caller's client context. */
public class ClientContextEcho implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (context.getClientContext() != null) {
            out.put("custom", context.getClientContext().getCustom());
            out.put("appTitle", context.getClientContext().getClient() == null ? null
                    : context.getClientContext().getClient().getAppTitle());
        }
        return out;
    }
}

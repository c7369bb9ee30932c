package dev.overtime.platform.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reports what its process sees: its Runtime API address, task root, the layer's file and the exec wrapper's mark. */
public class SandboxView implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("api", System.getenv("AWS_LAMBDA_RUNTIME_API"));
        out.put("taskRoot", System.getenv("LAMBDA_TASK_ROOT"));
        out.put("wrapped", System.getenv("WRAPPED_BY"));
        try {
            out.put("layer", Files.readString(Path.of("/opt/layer.txt")));
        } catch (IOException e) {
            out.put("layer", e.toString());
        }
        return out;
    }
}

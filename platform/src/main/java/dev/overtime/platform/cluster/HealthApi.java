package dev.overtime.platform.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overtime.platform.async.AsyncInvocations;
import dev.overtime.platform.http.Responses;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.util.concurrent.TimeUnit;

/**
 * {@code GET /overtime/health}, for load balancers: 200 with the node's id, its store and the queue
 * depth when the store answers, 503 when it does not (within {@value #STORE_DEADLINE_SECONDS} s), so a
 * node that cannot accept Event invokes is taken out of rotation.
 *
 * <pre>{"Node":"web-1-4242-a1b2c3","Store":{"Kind":"postgresql","Reachable":true},"QueueDepth":17}</pre>
 */
public final class HealthApi {

    public static final String PATH = "/overtime/health";
    private static final int STORE_DEADLINE_SECONDS = 3;

    private final String nodeId;
    private final AsyncInvocations async;
    private final ObjectMapper json;

    public HealthApi(String nodeId, AsyncInvocations async, ObjectMapper json) {
        this.nodeId = nodeId;
        this.async = async;
        this.json = json;
    }

    /** True if the request is for this route and was handled. */
    public boolean handle(Request request, Response response, Callback callback) {
        if (!Request.getPathInContext(request).equals(PATH)) {
            return false;
        }
        async.depth().orTimeout(STORE_DEADLINE_SECONDS, TimeUnit.SECONDS).whenComplete((depth, failure) -> {
            ObjectNode doc = json.createObjectNode();
            doc.put("Node", nodeId);
            ObjectNode store = doc.putObject("Store");
            store.put("Kind", async.storeKind());
            store.put("Reachable", failure == null);
            if (failure == null) {
                doc.put("QueueDepth", depth);
            } else {
                doc.putNull("QueueDepth");
                store.put("Error", String.valueOf(failure.getMessage()));
            }
            Responses.json(response, callback, failure == null ? 200 : 503, doc.toString());
        });
        return true;
    }
}

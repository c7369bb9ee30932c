package dev.overtime.platform.apigateway;

import dev.overtime.platform.apigateway.validation.RequestValidator;
import org.eclipse.jetty.server.ServerConnector;

import java.time.Instant;

/** An API being served: its definition, its routes, its validator, and the port of its own. */
public record ServedApi(ApiDefinition definition, RouteTable routes, RequestValidator validator,
                        ServerConnector connector, Instant created) {

    /** The URL of its own port, with the stage when the stage is in paths. */
    public String url() {
        String host = connector.getHost() == null || connector.getHost().equals("0.0.0.0") ? "127.0.0.1"
                : connector.getHost();
        return "http://" + host + ":" + connector.getLocalPort()
                + (definition.stageInPath() ? "/" + definition.stage() : "");
    }
}

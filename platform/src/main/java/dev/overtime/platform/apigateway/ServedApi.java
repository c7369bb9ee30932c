package dev.overtime.platform.apigateway;

import dev.overtime.platform.apigateway.validation.RequestValidator;

import java.time.Instant;

/**
 * An API being served: its definition, its routes, its validator, and the port of its own.
 *
 * @param host the address its port listens on
 * @param port its own port
 */
public record ServedApi(ApiDefinition definition, RouteTable routes, RequestValidator validator, String host,
                        int port, Instant created) {

    /** The URL of its own port, with the stage when the stage is in paths. */
    public String url() {
        String shown = host == null || host.equals("0.0.0.0") ? "127.0.0.1" : host;
        return "http://" + shown + ":" + port + (definition.stageInPath() ? "/" + definition.stage() : "");
    }
}

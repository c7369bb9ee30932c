package dev.overtime.examples.web;

import io.javalin.Javalin;
import io.javalin.http.Context;

/**
 * An ordinary Javalin web app, with no Lambda code in it: on Lambda, AWS Lambda Web Adapter runs it
 * ({@code run.sh} starts it, see {@code WebJava} in {@code examples/template.yaml}); on Overtime,
 * Overtime's adapter does, unchanged. It listens on {@code PORT} (8080 when unset). Routes:
 * <ul>
 *   <li>{@code GET /hello/{name}}: a JSON greeting, and one log line;</li>
 *   <li>{@code POST /echo}: the request body back, byte for byte, with the request's content type;</li>
 *   <li>{@code GET /healthz}: the readiness check.</li>
 * </ul>
 * Built into its own runnable jar, {@code examples/target/javalin-app.jar}, apart from the handlers'
 * {@code java-functions.jar}.
 */
public final class JavalinApp {

    private JavalinApp() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/hello/{name}", JavalinApp::hello);
            config.routes.post("/echo", JavalinApp::echo);
            config.routes.get("/healthz", ctx -> ctx.result("ok\n"));
        }).start(port);
    }

    private static void hello(Context ctx) {
        String name = ctx.pathParam("name");
        System.out.println("greeted " + name);
        ctx.contentType("application/json").result("{\"message\":\"Hello, " + jsonText(name) + "!\"}");
    }

    private static void echo(Context ctx) {
        String type = ctx.contentType();
        ctx.contentType(type == null ? "application/octet-stream" : type).result(ctx.bodyAsBytes());
    }

    /** {@code text} as the inside of a JSON string. */
    private static String jsonText(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}

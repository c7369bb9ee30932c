package dev.overtime.webadapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each event type in, and its response shape out, against a real local app. */
@SuppressWarnings("unchecked")
class ConversionTest {

    private AdapterHarness h;

    @BeforeEach
    void setUp() throws Exception {
        h = new AdapterHarness();
        h.app.route("/", exchange -> TestApp.sendText(exchange, 200, "ok"));
        h.app.route("/echo", exchange -> {
            TestApp.Seen s = h.app.seen.get(h.app.seen.size() - 1);
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            TestApp.send(exchange, 200, type == null ? "text/plain" : type, s.body());
        });
        h.app.route("/cookies", exchange -> {
            exchange.getResponseHeaders().add("Set-Cookie", "a=1; Path=/");
            exchange.getResponseHeaders().add("Set-Cookie", "b=2; HttpOnly");
            exchange.getResponseHeaders().add("X-Multi", "one");
            exchange.getResponseHeaders().add("X-Multi", "two");
            TestApp.sendText(exchange, 200, "cookies");
        });
        h.app.route("/teapot", exchange -> TestApp.sendText(exchange, 418, "short and stout"));
        h.app.route("/binary", exchange -> TestApp.send(exchange, 200, "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff}));
    }

    @AfterEach
    void tearDown() throws Exception {
        h.close();
    }

    private static Map<String, Object> json(StubRuntimeApi.Post post) {
        assertThat(post.isError()).as(post.text()).isFalse();
        return (Map<String, Object>) Json.parse(post.text());
    }

    @Test
    void functionUrl_requestCarriesMethodPathQueryHeadersCookiesAndContexts() throws Exception {
        h.start();
        Map<String, Object> out = json(h.invoke(Events.functionUrl("POST", "/echo/x", "a=1&a=2&b=%20c",
                "{\"content-type\":\"application/json\",\"x-two\":\"p,q\"}", "[\"s=1\",\"t=2\"]", "{\"hi\":1}", false)));

        TestApp.Seen seen = h.app.requests().get(0);
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.uri()).isEqualTo("/echo/x?a=1&a=2&b=%20c");
        assertThat(seen.header("cookie")).isEqualTo("s=1; t=2");
        assertThat(seen.header("x-two")).isEqualTo("p,q");
        assertThat(Events.utf8(seen.body())).isEqualTo("{\"hi\":1}");
        Map<?, ?> requestContext = (Map<String, Object>) Json.parse(seen.header("x-amzn-request-context"));
        assertThat(requestContext.get("requestId")).isEqualTo("r-1");
        assertThat(requestContext.get("timeEpoch")).isEqualTo(1767225600000L);
        Map<?, ?> lambdaContext = (Map<String, Object>) Json.parse(seen.header("x-amzn-lambda-context"));
        assertThat(lambdaContext.get("request_id")).isEqualTo("req-1");
        assertThat(lambdaContext.get("invoked_function_arn")).isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:web");
        assertThat((Long) lambdaContext.get("deadline")).isGreaterThan(System.currentTimeMillis());
        assertThat(lambdaContext.get("xray_trace_id")).isEqualTo("Root=1-5759e988-bd862e3fe1be46a994272793");
        assertThat((Map<String, Object>) lambdaContext.get("env_config")).containsEntry("function_name", "web")
                .containsEntry("memory", 512L).containsEntry("log_group", "/aws/lambda/web");

        assertThat(out).containsEntry("statusCode", 200L).containsEntry("body", "{\"hi\":1}")
                .containsEntry("isBase64Encoded", false);
        assertThat((Map<String, Object>) out.get("headers")).containsEntry("content-type", "application/json");
    }

    @Test
    void functionUrl_twoSetCookiesBecomeCookies_repeatedHeadersJoined() throws Exception {
        h.start();
        Map<String, Object> out = json(h.invoke(Events.functionUrl("GET", "/cookies", "", "{}", null, null, false)));
        assertThat((List<Object>) out.get("cookies")).containsExactly("a=1; Path=/", "b=2; HttpOnly");
        assertThat((Map<String, Object>) out.get("headers")).containsEntry("x-multi", "one,two").doesNotContainKey("set-cookie");
    }

    @Test
    void restApi_multiValueHeadersAndQueryInAndOut() throws Exception {
        h.start();
        Map<String, Object> out = json(h.invoke(Events.restApi("GET", "/cookies",
                "{\"Accept\":[\"text/html\",\"application/json\"],\"Cookie\":[\"c=3\"]}",
                "{\"q\":[\"a b\",\"c&d\"],\"z\":[\"1\"]}", null, false)));
        TestApp.Seen seen = h.app.requests().get(0);
        assertThat(seen.uri()).isEqualTo("/cookies?q=a%20b&q=c%26d&z=1");
        assertThat(seen.headerValues("accept")).containsExactly("text/html", "application/json");
        assertThat(seen.header("cookie")).isEqualTo("c=3");

        assertThat((Map<String, Object>) out.get("headers")).isEmpty();
        Map<?, ?> multi = (Map<String, Object>) out.get("multiValueHeaders");
        assertThat((List<Object>) multi.get("set-cookie")).containsExactly("a=1; Path=/", "b=2; HttpOnly");
        assertThat((List<Object>) multi.get("x-multi")).containsExactly("one", "two");
        assertThat(out).containsEntry("body", "cookies");
    }

    @Test
    void alb_bothHeaderFormsAndStatusDescription() throws Exception {
        h.start();
        Map<String, Object> out = json(h.invoke(Events.alb("GET", "/teapot", "{\"host\":[\"lb.example\"]}",
                "{\"q\":[\"a%20b\"]}", null)));
        TestApp.Seen seen = h.app.requests().get(0);
        assertThat(seen.uri()).isEqualTo("/teapot?q=a%20b");
        assertThat(seen.header("host")).isEqualTo("lb.example");
        assertThat(out).containsEntry("statusCode", 418L).containsEntry("statusDescription", "418 I'm a teapot")
                .containsEntry("body", "short and stout");
        assertThat((Map<String, Object>) out.get("headers")).containsKey("content-type");
        assertThat((Map<String, Object>) out.get("multiValueHeaders")).containsKey("content-type");
    }

    @Test
    void teapot_keepsItsStatus() throws Exception {
        h.start();
        Map<String, Object> out = json(h.invoke(Events.functionUrl("GET", "/teapot", "", "{}", null, null, false)));
        assertThat(out).containsEntry("statusCode", 418L).containsEntry("body", "short and stout");
    }

    @Test
    void binaryBody_decodedInAndBase64Out() throws Exception {
        h.start();
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        Map<String, Object> out = json(h.invoke(Events.functionUrl("POST", "/echo", "",
                "{\"content-type\":\"application/octet-stream\"}", null, Events.base64(bytes), true)));
        assertThat(h.app.requests().get(0).body()).isEqualTo(bytes);
        assertThat(out).containsEntry("isBase64Encoded", true);
        assertThat(Base64.getDecoder().decode((String) out.get("body"))).isEqualTo(bytes);

        Map<String, Object> png = json(h.invoke(Events.functionUrl("GET", "/binary", "", "{}", null, null, false)));
        assertThat(Base64.getDecoder().decode((String) png.get("body")))
                .isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff});
    }

    @Test
    void oneMegabyteBody_roundTripsIntact() throws Exception {
        h.start();
        byte[] big = new byte[1 << 20];
        new Random(7).nextBytes(big);
        Map<String, Object> out = json(h.invoke(Events.functionUrl("POST", "/echo", "",
                "{\"content-type\":\"application/octet-stream\"}", null, Events.base64(big), true)));
        assertThat(Base64.getDecoder().decode((String) out.get("body"))).isEqualTo(big);

        String text = "x".repeat(1 << 20);
        Map<String, Object> textOut = json(h.invoke(Events.functionUrl("POST", "/echo", "",
                "{\"content-type\":\"text/plain\"}", null, text, false)));
        assertThat((String) textOut.get("body")).isEqualTo(text);
    }

    @Test
    void removeBasePath_andAuthorizationSource() throws Exception {
        h.env("AWS_LWA_REMOVE_BASE_PATH", "/api").env("AWS_LWA_AUTHORIZATION_SOURCE", "x-custom-auth").start();
        json(h.invoke(Events.functionUrl("GET", "/api/teapot", "", "{\"x-custom-auth\":\"Bearer t\"}", null, null, false)));
        TestApp.Seen seen = h.app.requests().get(0);
        assertThat(seen.uri()).isEqualTo("/teapot");
        assertThat(seen.header("authorization")).isEqualTo("Bearer t");
        assertThat(seen.header("x-custom-auth")).isNull();
    }

    @Test
    void connectionToTheApp_isReused() throws Exception {
        h.start();
        for (int i = 0; i < 5; i++) {
            json(h.invoke(Events.functionUrl("GET", "/teapot", "", "{}", null, null, false)));
        }
        assertThat(h.app.requests()).hasSize(5);
        assertThat(h.app.requests().stream().map(TestApp.Seen::remotePort).distinct()).hasSize(1);
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}

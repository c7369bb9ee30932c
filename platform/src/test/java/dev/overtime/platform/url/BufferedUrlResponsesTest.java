package dev.overtime.platform.url;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How a buffered function result becomes a function URL's HTTP answer. */
class BufferedUrlResponsesTest {

    private static UrlResponse respond(String payload) {
        return BufferedUrlResponses.response(payload.getBytes(StandardCharsets.UTF_8), false);
    }

    private static String body(UrlResponse r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void functionError_isA502InternalServerError() {
        UrlResponse r = BufferedUrlResponses.response(
                "{\"errorMessage\":\"boom\",\"errorType\":\"Error\"}".getBytes(StandardCharsets.UTF_8), true);

        assertThat(r.status()).isEqualTo(502);
        assertThat(r.header("content-type")).isEqualTo("text/plain");
        assertThat(body(r)).isEqualTo("Internal Server Error");
    }

    @Test
    void fullForm_usesStatusHeadersAndBody() {
        UrlResponse r = respond("{\"statusCode\":201,\"headers\":{\"Content-Type\":\"text/plain\",\"X-N\":5},"
                + "\"multiValueHeaders\":{\"X-M\":[\"a\"]},\"body\":\"created\"}");

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.headers()).containsExactly(Map.entry("Content-Type", "text/plain"), Map.entry("X-N", "5"));
        assertThat(body(r)).isEqualTo("created");
    }

    @Test
    void fullForm_cookiesBecomeOneSetCookieHeaderEach() {
        UrlResponse r = respond("{\"statusCode\":200,\"cookies\":[\"a=1; Path=/\",\"b=2; Secure\"],\"body\":\"x\"}");

        assertThat(r.headers()).filteredOn(h -> h.getKey().equalsIgnoreCase("set-cookie"))
                .extracting(Map.Entry::getValue)
                .containsExactly("a=1; Path=/", "b=2; Secure");
    }

    @Test
    void fullForm_defaultsContentTypeToJson() {
        UrlResponse r = respond("{\"statusCode\":200,\"body\":\"{}\"}");

        assertThat(r.header("content-type")).isEqualTo("application/json");
    }

    @Test
    void fullForm_decodesBase64Body() {
        UrlResponse r = respond("{\"statusCode\":200,\"isBase64Encoded\":true,\"body\":\"AAH/\","
                + "\"headers\":{\"content-type\":\"application/octet-stream\"}}");

        assertThat(r.body()).containsExactly(0, 1, 0xff);
    }

    @Test
    void fullForm_withoutBodyHasAnEmptyBody() {
        assertThat(respond("{\"statusCode\":204}").body()).isEmpty();
    }

    @Test
    void fullForm_thatCannotBeHonoured_isA502() {
        assertThat(respond("{\"statusCode\":\"two hundred\"}").status()).isEqualTo(502);
        assertThat(respond("{\"statusCode\":42}").status()).isEqualTo(502);
        assertThat(respond("{\"statusCode\":200,\"isBase64Encoded\":true,\"body\":\"not base64!\"}").status())
                .isEqualTo(502);
    }

    @Test
    void jsonShortcut_keepsAQuotedStringUnchanged() {
        UrlResponse r = respond("\"Hello\"");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("content-type")).isEqualTo("application/json");
        assertThat(body(r)).isEqualTo("\"Hello\"");
    }

    @Test
    void jsonShortcut_appliesToObjectsWithoutStatusCodeArraysNumbersBooleansAndNull() {
        for (String payload : new String[]{"{\"message\":\"hi\"}", "[1,2]", "42", "true", "null"}) {
            UrlResponse r = respond(payload);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("content-type")).isEqualTo("application/json");
            assertThat(body(r)).isEqualTo(payload);
        }
    }

    @Test
    void invalidJson_passesThroughAs200WithJsonContentType() {
        UrlResponse r = respond("not json {");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("content-type")).isEqualTo("application/json");
        assertThat(body(r)).isEqualTo("not json {");
    }

    @Test
    void jsonWithTrailingGarbage_isNotTreatedAsTheFullForm() {
        UrlResponse r = respond("{\"statusCode\":404} trailing");

        assertThat(r.status()).isEqualTo(200);
        assertThat(body(r)).isEqualTo("{\"statusCode\":404} trailing");
    }
}

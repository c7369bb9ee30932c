package dev.overtime.platform.url;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The payload format 2.0 event a function URL builds from an HTTP request. */
class FunctionUrlRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant TIME = Instant.parse("2020-03-12T19:03:58.390Z");
    private static final UrlEventContext CONTEXT =
            new UrlEventContext("abcdefghijklmnopqrstuvwxyz012345", "us-east-1", "123456789012", "req-1", TIME);

    private static UrlRequest request(String query, List<Map.Entry<String, String>> headers, byte[] body) {
        return new UrlRequest("POST", "/my/path", query, headers, body, "203.0.113.7", "curl/8.0", "HTTP/1.1");
    }

    private static JsonNode event(UrlRequest request) throws Exception {
        return JSON.readTree(FunctionUrlRequests.eventBytes(request, CONTEXT));
    }

    @Test
    void event_carriesVersionRouteKeyRawPathAndRequestContext() throws Exception {
        JsonNode e = event(request(null, List.of(), null));

        assertThat(e.get("version").asText()).isEqualTo("2.0");
        assertThat(e.get("routeKey").asText()).isEqualTo("$default");
        assertThat(e.get("rawPath").asText()).isEqualTo("/my/path");
        assertThat(e.get("rawQueryString").asText()).isEmpty();
        JsonNode rc = e.get("requestContext");
        assertThat(rc.get("accountId").asText()).isEqualTo("123456789012");
        assertThat(rc.get("apiId").asText()).isEqualTo("abcdefghijklmnopqrstuvwxyz012345");
        assertThat(rc.has("authentication")).isTrue();
        assertThat(rc.get("authentication").isNull()).isTrue();
        assertThat(rc.has("authorizer")).isFalse();
        assertThat(rc.get("domainName").asText()).isEqualTo("abcdefghijklmnopqrstuvwxyz012345.lambda-url.us-east-1.on.aws");
        assertThat(rc.get("domainPrefix").asText()).isEqualTo("abcdefghijklmnopqrstuvwxyz012345");
        assertThat(rc.get("http").get("method").asText()).isEqualTo("POST");
        assertThat(rc.get("http").get("path").asText()).isEqualTo("/my/path");
        assertThat(rc.get("http").get("protocol").asText()).isEqualTo("HTTP/1.1");
        assertThat(rc.get("http").get("sourceIp").asText()).isEqualTo("203.0.113.7");
        assertThat(rc.get("http").get("userAgent").asText()).isEqualTo("curl/8.0");
        assertThat(rc.get("requestId").asText()).isEqualTo("req-1");
        assertThat(rc.get("routeKey").asText()).isEqualTo("$default");
        assertThat(rc.get("stage").asText()).isEqualTo("$default");
        assertThat(e.has("pathParameters")).isFalse();
        assertThat(e.has("stageVariables")).isFalse();
    }

    @Test
    void event_ofAnIamUrl_carriesTheSignerInAuthorizerIam() throws Exception {
        UrlEventContext signed = new UrlEventContext("abcdefghijklmnopqrstuvwxyz012345", "us-east-1", "123456789012",
                "req-1", TIME, new dev.overtime.platform.security.Caller("AKIAINVOKER00000001", "123456789012",
                "arn:aws:iam::123456789012:user/invoker", "AIDAEXAMPLE00000000"));
        JsonNode iam = JSON.readTree(FunctionUrlRequests.eventBytes(request(null, List.of(), null), signed))
                .at("/requestContext/authorizer/iam");

        assertThat(iam.get("accessKey").asText()).isEqualTo("AKIAINVOKER00000001");
        assertThat(iam.get("accountId").asText()).isEqualTo("123456789012");
        assertThat(iam.get("callerId").asText()).isEqualTo("AIDAEXAMPLE00000000");
        assertThat(iam.get("userArn").asText()).isEqualTo("arn:aws:iam::123456789012:user/invoker");
        assertThat(iam.get("userId").asText()).isEqualTo("AIDAEXAMPLE00000000");
        assertThat(iam.get("cognitoIdentity").isNull()).isTrue();
        assertThat(iam.get("principalOrgId").isNull()).isTrue();
    }

    @Test
    void time_isClfStyleInUtcWithEnglishMonth_andTimeEpochIsMillis() throws Exception {
        JsonNode rc = event(request(null, List.of(), null)).get("requestContext");

        assertThat(rc.get("time").asText()).isEqualTo("12/Mar/2020:19:03:58 +0000");
        assertThat(rc.get("timeEpoch").asLong()).isEqualTo(1584039838390L);
        assertThat(FunctionUrlRequests.TIME.format(Instant.parse("2021-09-01T00:00:00Z")))
                .isEqualTo("01/Sep/2021:00:00:00 +0000");
    }

    @Test
    void headers_areLowerCasedAndRepeatedValuesCommaJoinedInOrder() throws Exception {
        JsonNode headers = event(request(null, List.of(
                Map.entry("X-Forwarded-For", "1.1.1.1"),
                Map.entry("Accept", "text/html"),
                Map.entry("x-forwarded-for", "2.2.2.2")), null)).get("headers");

        assertThat(headers.get("x-forwarded-for").asText()).isEqualTo("1.1.1.1,2.2.2.2");
        assertThat(headers.get("accept").asText()).isEqualTo("text/html");
        assertThat(headers.has("Accept")).isFalse();
    }

    @Test
    void cookies_comeFromEveryCookieHeaderAndAreNotInHeaders() throws Exception {
        JsonNode e = event(request(null, List.of(
                Map.entry("Cookie", "a=1; b=2"),
                Map.entry("cookie", "c=3")), null));

        assertThat(e.get("cookies")).extracting(JsonNode::asText).containsExactly("a=1", "b=2", "c=3");
        assertThat(e.get("headers").has("cookie")).isFalse();
    }

    @Test
    void cookies_areOmittedWhenThereAreNone() throws Exception {
        assertThat(event(request(null, List.of(Map.entry("Accept", "*/*")), null)).has("cookies")).isFalse();
    }

    @Test
    void queryStringParameters_areDecodedWithRepeatedKeysCommaJoined() throws Exception {
        JsonNode e = event(request("p1=v1&p1=v2&p2=hello%20world&flag", List.of(), null));

        assertThat(e.get("rawQueryString").asText()).isEqualTo("p1=v1&p1=v2&p2=hello%20world&flag");
        JsonNode q = e.get("queryStringParameters");
        assertThat(q.get("p1").asText()).isEqualTo("v1,v2");
        assertThat(q.get("p2").asText()).isEqualTo("hello world");
        assertThat(q.get("flag").asText()).isEmpty();
    }

    @Test
    void queryStringParameters_areOmittedWithoutAQuery() throws Exception {
        assertThat(event(request("", List.of(), null)).has("queryStringParameters")).isFalse();
    }

    @Test
    void textBody_isSentAsIs() throws Exception {
        JsonNode e = event(request(null, List.of(Map.entry("Content-Type", "application/json; charset=utf-8")),
                "{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_8)));

        assertThat(e.get("body").asText()).isEqualTo("{\"a\":\"é\"}");
        assertThat(e.get("isBase64Encoded").asBoolean()).isFalse();
    }

    @Test
    void binaryBody_isBase64Encoded() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff};
        JsonNode e = event(request(null, List.of(Map.entry("Content-Type", "image/png")), png));

        assertThat(e.get("isBase64Encoded").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(e.get("body").asText())).isEqualTo(png);
    }

    @Test
    void bodyWithoutContentType_isTextOnlyWhenValidUtf8() throws Exception {
        assertThat(event(request(null, List.of(), "plain".getBytes(StandardCharsets.UTF_8)))
                .get("isBase64Encoded").asBoolean()).isFalse();
        assertThat(event(request(null, List.of(), new byte[]{(byte) 0xc3, 0x28}))
                .get("isBase64Encoded").asBoolean()).isTrue();
    }

    @Test
    void noBody_omitsBodyAndIsNotBase64() throws Exception {
        JsonNode e = event(request(null, List.of(), new byte[0]));

        assertThat(e.has("body")).isFalse();
        assertThat(e.get("isBase64Encoded").asBoolean()).isFalse();
    }

    @Test
    void textualTypes_followTheDocumentedRule() {
        assertThat(List.of("text/plain", "text/html; charset=utf-8", "application/json", "application/javascript",
                "application/xml", "application/problem+json", "application/atom+xml",
                "application/x-www-form-urlencoded", "Application/JSON"))
                .allMatch(TextBodies::isTextualType);
        assertThat(List.of("application/octet-stream", "image/png", "multipart/form-data; boundary=x"))
                .noneMatch(TextBodies::isTextualType);
    }
}

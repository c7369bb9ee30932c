package dev.overtime.lambda.appsync;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Against the values AWS publishes in its Signature Version 4 test suite (credentials AKIDEXAMPLE, 2015-08-30). */
class SigV4SignerTest {

    private static final Instant SUITE_TIME = Instant.parse("2015-08-30T12:36:00Z");
    private static final SigV4Signer SUITE = new SigV4Signer(
            new SigV4Signer.Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null),
            "us-east-1", "service");

    @Test
    void getVanilla_matchesTheSuitesCanonicalRequestStringToSignAndSignature() {
        SigV4Signer.Signature s = SUITE.sign("GET", URI.create("https://example.amazonaws.com/"), Map.of(),
                new byte[0], SUITE_TIME);

        assertThat(s.canonicalRequest()).isEqualTo("GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
                + "host;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(s.stringToSign()).isEqualTo("AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
                + "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63");
        assertThat(s.authorization()).isEqualTo("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/"
                + "aws4_request, SignedHeaders=host;x-amz-date, "
                + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
        assertThat(s.amzDate()).isEqualTo("20150830T123600Z");
        assertThat(s.securityToken()).isNull();
    }

    @Test
    void postVanilla_matchesTheSuite() {
        assertThat(signature("POST", "https://example.amazonaws.com/"))
                .isEqualTo("5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
    }

    @Test
    void queryParameters_areSortedByName() {
        assertThat(signature("GET", "https://example.amazonaws.com/?Param2=value2&Param1=value1"))
                .isEqualTo("b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
    }

    @Test
    void utf8Path_isPercentEncoded() {
        assertThat(signature("GET", "https://example.amazonaws.com/%E1%88%B4"))
                .isEqualTo("8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85");
    }

    @Test
    void sessionTokenAndGivenHeaders_areSigned_andANonDefaultPortIsPartOfTheHost() {
        SigV4Signer signer = new SigV4Signer(new SigV4Signer.Credentials("AKID", "secret", "the-token"),
                "eu-west-1", "appsync");

        SigV4Signer.Signature s = signer.sign("POST", URI.create("http://127.0.0.1:9001/graphql"),
                Map.of("Content-Type", "application/json"), "{}".getBytes(StandardCharsets.UTF_8), SUITE_TIME);

        assertThat(s.canonicalRequest()).contains("host:127.0.0.1:9001\n")
                .contains("content-type;host;x-amz-date;x-amz-security-token\n")
                .contains("x-amz-security-token:the-token\n");
        assertThat(s.authorization()).startsWith("AWS4-HMAC-SHA256 Credential=AKID/20150830/eu-west-1/appsync/aws4_request,");
        assertThat(s.securityToken()).isEqualTo("the-token");
    }

    private static String signature(String method, String url) {
        String authorization = SUITE.sign(method, URI.create(url), Map.of(), new byte[0], SUITE_TIME).authorization();
        return authorization.substring(authorization.indexOf("Signature=") + "Signature=".length());
    }
}

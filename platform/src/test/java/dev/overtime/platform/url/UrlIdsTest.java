package dev.overtime.platform.url;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Function URL ids and addresses. */
class UrlIdsTest {

    @Test
    void urlId_isStable32LowercaseAlphanumerics() {
        String id = UrlIds.urlId("us-east-1", "123456789012", "my-function");

        assertThat(id).hasSize(32).matches("[a-z0-9]{32}");
        assertThat(UrlIds.urlId("us-east-1", "123456789012", "my-function")).isEqualTo(id);
    }

    @Test
    void urlId_differsByRegionAccountAndName() {
        String id = UrlIds.urlId("us-east-1", "123456789012", "f");

        assertThat(UrlIds.urlId("eu-west-1", "123456789012", "f")).isNotEqualTo(id);
        assertThat(UrlIds.urlId("us-east-1", "000000000000", "f")).isNotEqualTo(id);
        assertThat(UrlIds.urlId("us-east-1", "123456789012", "g")).isNotEqualTo(id);
    }

    @Test
    void functionUrl_hasTheAwsForm() {
        assertThat(UrlIds.functionUrl("abc", "us-east-1")).isEqualTo("https://abc.lambda-url.us-east-1.on.aws/");
        assertThat(UrlIds.domainName("abc", "us-east-1")).isEqualTo("abc.lambda-url.us-east-1.on.aws");
    }
}

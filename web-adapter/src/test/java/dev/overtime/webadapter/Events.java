package dev.overtime.webadapter;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Events as AWS sends them, trimmed to what the adapter reads. */
final class Events {

    private Events() {
    }

    static String functionUrl(String method, String rawPath, String rawQuery, String headersJson, String cookiesJson,
                              String body, boolean base64) {
        return """
            {"version":"2.0","routeKey":"$default","rawPath":"%s","rawQueryString":"%s",
             %s"headers":%s,
             "requestContext":{"accountId":"anonymous","apiId":"abc","domainName":"abc.lambda-url.us-east-1.on.aws",
               "http":{"method":"%s","path":"%s","protocol":"HTTP/1.1","sourceIp":"127.0.0.1","userAgent":"curl"},
               "requestId":"r-1","routeKey":"$default","stage":"$default","time":"01/Jan/2026:00:00:00 +0000","timeEpoch":1767225600000},
             %s"isBase64Encoded":%s}
            """.formatted(rawPath, rawQuery, cookiesJson == null ? "" : "\"cookies\":" + cookiesJson + ",",
                headersJson, method, rawPath, body == null ? "" : "\"body\":" + quote(body) + ",", base64);
    }

    static String restApi(String method, String path, String multiHeadersJson, String multiQueryJson, String body,
                          boolean base64) {
        return """
            {"resource":"/{proxy+}","path":"%s","httpMethod":"%s",
             "headers":null,"multiValueHeaders":%s,
             "queryStringParameters":null,"multiValueQueryStringParameters":%s,
             "requestContext":{"resourcePath":"/{proxy+}","httpMethod":"%s","path":"/prod%s","stage":"prod",
               "requestId":"r-2","identity":{"sourceIp":"127.0.0.1"},"accountId":"123456789012","apiId":"api1"},
             "body":%s,"isBase64Encoded":%s}
            """.formatted(path, method, multiHeadersJson, multiQueryJson, method, path,
                body == null ? "null" : quote(body), base64);
    }

    static String alb(String method, String path, String multiHeadersJson, String multiQueryJson, String body) {
        return """
            {"requestContext":{"elb":{"targetGroupArn":"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/tg/1"}},
             "httpMethod":"%s","path":"%s","multiValueQueryStringParameters":%s,"multiValueHeaders":%s,
             "body":%s,"isBase64Encoded":false}
            """.formatted(method, path, multiQueryJson, multiHeadersJson, body == null ? "\"\"" : quote(body));
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static String quote(String s) {
        return Json.quote(new StringBuilder(), s).toString();
    }
}

package dev.overtime.platform.template;

import dev.overtime.platform.apigateway.ApiCors;
import dev.overtime.platform.template.TemplateValue.Mapping;
import dev.overtime.platform.template.TemplateValue.Scalar;
import dev.overtime.platform.template.TemplateValue.ScalarKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads an API's CORS settings. A REST API's SAM {@code Cors} is an origin ({@code "'*'"}) or a map of
 * {@code AllowOrigin}, {@code AllowMethods}, {@code AllowHeaders}, {@code MaxAge} in API Gateway's single-quoted form
 * (quotes are dropped; {@code "'GET,POST'"} gives two methods) and {@code AllowCredentials}. An HTTP API's
 * {@code CorsConfiguration} (SAM and CloudFormation) or {@code x-amazon-apigateway-cors} is {@code true} (any origin)
 * or a map of lists.
 */
final class ApiCorsReader {

    private static final String REST_EXPECTED = "an origin such as \"'*'\" or a map with AllowOrigin";
    private static final String HTTP_EXPECTED = "true or a map with AllowOrigins";

    private ApiCorsReader() {
    }

    /** SAM's {@code Cors} of an {@code AWS::Serverless::Api}. */
    static ApiCors rest(TemplateValue value) {
        if (value instanceof Scalar scalar && scalar.kind() != ScalarKind.BOOLEAN) {
            return new ApiCors(List.of(unquoted(PropertyValues.text(value, REST_EXPECTED))), List.of(), List.of(),
                    List.of(), null, false);
        }
        Mapping cors = ApiValues.mapping(value, REST_EXPECTED);
        TemplateValue origin = cors.get("AllowOrigin")
                .orElseThrow(() -> TemplateProblem.required(cors, "AllowOrigin", "an origin such as \"'*'\""));
        Integer maxAge = cors.get("MaxAge").map(age -> {
            String text = unquoted(PropertyValues.text(age, "a number of seconds such as \"'600'\""));
            if (!text.matches("\\d{1,9}")) {
                throw TemplateProblem.expected(age, "a number of seconds such as \"'600'\"");
            }
            return Integer.parseInt(text);
        }).orElse(null);
        return new ApiCors(List.of(unquoted(PropertyValues.text(origin, "an origin such as \"'*'\""))),
                commaList(cors, "AllowMethods"), commaList(cors, "AllowHeaders"), List.of(), maxAge,
                ApiValues.bool(cors, "AllowCredentials", false));
    }

    /** An HTTP API's {@code CorsConfiguration} or {@code x-amazon-apigateway-cors}; null for {@code false}. */
    static ApiCors http(TemplateValue value) {
        if (value instanceof Scalar scalar && scalar.kind() == ScalarKind.BOOLEAN) {
            return ApiValues.bool(value) ? new ApiCors(List.of("*"), List.of(), List.of(), List.of(), null, false)
                    : null;
        }
        Mapping cors = ApiValues.mapping(value, HTTP_EXPECTED);
        Integer maxAge = either(cors, "MaxAge").map(age ->
                (int) PropertyValues.integer(age, -1, 86400, "an integer from -1 to 86400 (seconds)")).orElse(null);
        boolean credentials = either(cors, "AllowCredentials").map(ApiValues::bool).orElse(false);
        return new ApiCors(list(cors, "AllowOrigins"), list(cors, "AllowMethods"), list(cors, "AllowHeaders"),
                list(cors, "ExposeHeaders"), maxAge, credentials);
    }

    /** SAM and CloudFormation spell the keys {@code AllowOrigins}, the OpenAPI extension {@code allowOrigins}. */
    private static Optional<TemplateValue> either(Mapping cors, String key) {
        return cors.get(key).or(() -> cors.get(Character.toLowerCase(key.charAt(0)) + key.substring(1)));
    }

    private static List<String> list(Mapping cors, String key) {
        return either(cors, key).map(value -> ApiValues.texts(value, "strings")).orElse(List.of());
    }

    private static List<String> commaList(Mapping cors, String key) {
        List<String> items = new ArrayList<>();
        cors.get(key).ifPresent(value -> {
            for (String item : unquoted(PropertyValues.text(value, "a quoted list such as \"'GET,POST'\"")).split(",")) {
                if (!item.isBlank()) {
                    items.add(item.trim());
                }
            }
        });
        return items;
    }

    /** {@code 'value'} as API Gateway's header mappings write a constant, without its quotes. */
    static String unquoted(String text) {
        String trimmed = text.trim();
        return trimmed.length() >= 2 && trimmed.startsWith("'") && trimmed.endsWith("'")
                ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
    }
}

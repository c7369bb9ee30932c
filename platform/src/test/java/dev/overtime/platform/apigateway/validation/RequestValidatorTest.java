package dev.overtime.platform.apigateway.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Body validation against draft 4 models, and required parameters, as API Gateway checks them. */
class RequestValidatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API_ID = "abcd123456";

    private static final String META = """
            { "type" : "object", "required" : [ "clientRequestId" ], "additionalProperties" : false,
              "properties" : { "async" : { "type" : [ "boolean" ] },
                               "clientRequestId" : { "type" : [ "string" ], "format" : "guid" } } }""";

    private static final String REQUEST = """
            {"$schema":"http://json-schema.org/draft-04/schema#","type":"object","properties":{"meta": %s},
             "required":["meta"]}""".formatted(META);

    private final RequestValidator validator = new RequestValidator(API_ID, Map.of("Request", json(REQUEST)));

    // ---------------------------------------------------------------- the seed model

    @Test
    void validateBody_validBodies_giveNoViolations() {
        assertThat(validate("Request", "{\"meta\":{\"clientRequestId\":\"0b9c6a1e-2d4f-4c1a-9b8e-3f2a1c0d9e8f\","
                + "\"async\":true}}")).isEmpty();
        assertThat(validate("Request", "{\"meta\":{\"clientRequestId\":\"x\"}}")).isEmpty();
        assertThat(validate("Request", "{\"meta\":{\"clientRequestId\":\"x\"},\"other\":[1]}")).isEmpty();
    }

    @Test
    void validateBody_wrongType_namesTheMember() {
        assertThat(validate("Request", "{\"meta\":{\"clientRequestId\":42}}"))
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.pointer()).isEqualTo("/meta/clientRequestId");
                    assertThat(v.message()).contains("string");
                });
        assertThat(validate("Request", "{\"meta\":{\"clientRequestId\":\"x\",\"async\":\"yes\"}}"))
                .extracting(Violation::pointer).containsExactly("/meta/async");
        assertThat(validate("Request", "{\"meta\":[]}")).extracting(Violation::pointer).containsExactly("/meta");
    }

    @Test
    void validateBody_extraMember_namesIt() {
        assertThat(validate("Request", "{\"meta\":{\"clientRequestId\":\"x\",\"extra\":1}}"))
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.pointer()).isEqualTo("/meta/extra");
                    assertThat(v.message()).contains("extra");
                });
    }

    @Test
    void validateBody_missingMember_namesIt() {
        assertThat(validate("Request", "{\"meta\":{\"async\":true}}"))
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.pointer()).isEqualTo("/meta/clientRequestId");
                    assertThat(v.message()).contains("clientRequestId");
                });
        assertThat(validate("Request", "{}")).extracting(Violation::pointer).containsExactly("/meta");
    }

    @Test
    void validateBody_everyViolationIsReported() {
        assertThat(validate("Request", "{\"meta\":{\"async\":1,\"x\":2}}"))
                .extracting(Violation::pointer)
                .containsExactlyInAnyOrder("/meta/clientRequestId", "/meta/async", "/meta/x");
    }

    @Test
    void validateBody_notJson_isOneViolationAtTheRoot() {
        for (String body : List.of("not json", "", "{\"meta\":", "{} {}")) {
            assertThat(validate("Request", body)).as(body)
                    .singleElement()
                    .satisfies(v -> {
                        assertThat(v.pointer()).isEmpty();
                        assertThat(v.message()).startsWith("Invalid JSON");
                    });
        }
        assertThat(validate("Request", "[1]")).extracting(Violation::pointer).containsExactly("");
    }

    @Test
    void validateBody_formatsAreNotAsserted() {
        RequestValidator formats = new RequestValidator(API_ID, Map.of("F", json("""
                {"type":"object","properties":{"g":{"type":"string","format":"guid"},
                 "e":{"type":"string","format":"email"},"d":{"type":"string","format":"date-time"},
                 "u":{"type":"string","format":"uri"},"i":{"type":"string","format":"ipv4"}}}""")));
        assertThat(formats.validateBody("F", bytes("{\"g\":\"nope\",\"e\":\"nope\",\"d\":\"nope\",\"u\":\"::\","
                + "\"i\":\"999.1\"}"))).isEmpty();
    }

    @Test
    void validateBody_draft4Semantics_evenIfTheModelClaimsAnotherDraft() {
        // Draft 4's exclusiveMaximum is a boolean beside maximum; in draft 6 and later it is a number.
        RequestValidator draft4 = new RequestValidator(API_ID, Map.of("N", json("""
                {"$schema":"http://json-schema.org/draft-07/schema#","type":"object",
                 "properties":{"n":{"type":"number","maximum":10,"exclusiveMaximum":true}}}""")));
        assertThat(draft4.validateBody("N", bytes("{\"n\":9}"))).isEmpty();
        assertThat(draft4.validateBody("N", bytes("{\"n\":10}"))).extracting(Violation::pointer).containsExactly("/n");
    }

    @Test
    void validateBody_unknownModel_isAnError() {
        assertThatThrownBy(() -> validator.validateBody("Nope", bytes("{}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Nope");
    }

    // ---------------------------------------------------------------- references between models

    @Test
    void refs_inEveryForm_resolveToTheApisModels() {
        for (String ref : List.of("#/definitions/Meta", "#/components/schemas/Meta",
                "https://apigateway.amazonaws.com/restapis/" + API_ID + "/models/Meta")) {
            Map<String, JsonNode> models = new LinkedHashMap<>();
            models.put("Request", json("""
                    {"type":"object","required":["meta"],"properties":{"meta":{"$ref":"%s"}}}""".formatted(ref)));
            models.put("Meta", json(META));
            RequestValidator refs = new RequestValidator(API_ID, models);

            assertThat(refs.validateBody("Request", bytes("{\"meta\":{\"clientRequestId\":\"x\"}}"))).as(ref).isEmpty();
            assertThat(refs.validateBody("Request", bytes("{\"meta\":{\"clientRequestId\":1}}")))
                    .as(ref).extracting(Violation::pointer).containsExactly("/meta/clientRequestId");
            assertThat(refs.validateBody("Request", bytes("{\"meta\":{\"async\":false,\"x\":1}}")))
                    .as(ref).extracting(Violation::pointer)
                    .containsExactlyInAnyOrder("/meta/clientRequestId", "/meta/x");
        }
    }

    @Test
    void refs_chainedArraysAndFragments() {
        Map<String, JsonNode> models = new LinkedHashMap<>();
        models.put("Batch", json("""
                {"type":"object","properties":{"items":{"type":"array","items":{"$ref":"#/definitions/Request"}},
                 "first":{"$ref":"#/definitions/Meta/properties/clientRequestId"}}}"""));
        models.put("Request", json("""
                {"type":"object","required":["meta"],"properties":{"meta":{"$ref":"#/components/schemas/Meta"}}}"""));
        models.put("Meta", json(META));
        RequestValidator refs = new RequestValidator(API_ID, models);

        assertThat(refs.validateBody("Batch", bytes("{\"items\":[{\"meta\":{\"clientRequestId\":\"a\"}}],"
                + "\"first\":\"a\"}"))).isEmpty();
        assertThat(refs.validateBody("Batch", bytes("{\"items\":[{\"meta\":{\"clientRequestId\":\"a\"}},"
                + "{\"meta\":{\"clientRequestId\":2}}],\"first\":3}")))
                .extracting(Violation::pointer)
                .containsExactlyInAnyOrder("/items/1/meta/clientRequestId", "/first");
    }

    @Test
    void refs_aModelsOwnDefinitionsStayLocal() {
        Map<String, JsonNode> models = new LinkedHashMap<>();
        models.put("Request", json("""
                {"type":"object","properties":{"meta":{"$ref":"#/definitions/Meta"}},
                 "definitions":{"Meta":{"type":"integer"}}}"""));
        models.put("Meta", json(META));
        RequestValidator refs = new RequestValidator(API_ID, models);

        assertThat(refs.validateBody("Request", bytes("{\"meta\":1}"))).isEmpty();
        assertThat(refs.validateBody("Request", bytes("{\"meta\":{\"clientRequestId\":\"x\"}}")))
                .extracting(Violation::pointer).containsExactly("/meta");
    }

    @Test
    void refs_toNothingLocal_failAtConstructionWithoutTheNetwork() {
        for (String ref : List.of("#/definitions/Absent", "http://127.0.0.1:9/schema.json",
                "https://example.invalid/models/Meta", "classpath:schemas/meta.json")) {
            assertThatThrownBy(() -> new RequestValidator(API_ID, Map.of("Request", json("""
                    {"type":"object","properties":{"meta":{"$ref":"%s"}}}""".formatted(ref)))))
                    .as(ref)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Request");
        }
    }

    // ---------------------------------------------------------------- required parameters

    @Test
    void missingParameters_listsAbsentAndBlankOnesInApiGatewaysNames() {
        List<String> required = List.of("method.request.header.X-Api-Version", "method.request.querystring.page",
                "method.request.path.id", "method.request.header.Authorization",
                "method.request.multivaluequerystring.tag", "method.request.multivalueheader.X-Tags");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("x-api-version", List.of("2"));
        headers.put("Authorization", List.of("  "));
        headers.put("X-TAGS", List.of("", "a"));

        assertThat(RequestValidator.missingParameters(required, Map.of("id", "7"), Map.of("page", List.of("")),
                headers)).containsExactly("page", "Authorization", "tag");
        assertThat(RequestValidator.missingParameters(required, Map.of(), Map.of(), Map.of()))
                .containsExactly("X-Api-Version", "page", "id", "Authorization", "tag", "X-Tags");
        assertThat(RequestValidator.missingParameters(required, Map.of("id", "7"),
                Map.of("page", List.of("1"), "tag", List.of("a", "b")),
                Map.of("X-Api-Version", List.of("2"), "authorization", List.of("Bearer t"), "x-tags", List.of("a"))))
                .isEmpty();
        assertThat(RequestValidator.missingParameters(List.of(), Map.of(), Map.of(), Map.of())).isEmpty();
    }

    @Test
    void missingParameters_refusesWhatIsNotAMethodRequestParameter() {
        assertThatThrownBy(() -> RequestValidator.missingParameters(List.of("X-Api-Version"), Map.of(), Map.of(),
                Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private List<Violation> validate(String model, String body) {
        return validator.validateBody(model, bytes(body));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}

package dev.overtime.platform.apigateway.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.AbsoluteIri;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API Gateway's basic request validation for one REST API: bodies against the API's models, and required
 * parameters.
 *
 * <pre>{@code
 * RequestValidator validator = new RequestValidator(api.id(), api.models());    // once per API
 * List<Violation> violations = validator.validateBody("Request", body);         // empty when valid
 * List<String> missing = RequestValidator.missingParameters(required, path, query, headers);
 * }</pre>
 *
 * <p>Models are JSON Schema draft 4, whatever their {@code $schema} says, as API Gateway takes them. A model may
 * {@code $ref} another by {@code #/definitions/X} (Swagger 2), {@code #/components/schemas/X} (OpenAPI 3) or
 * {@code https://apigateway.amazonaws.com/restapis/{apiId}/models/X}; all three resolve to the local model
 * {@code X} (a {@code #/definitions/X} that the model itself defines stays local to it). Nothing is fetched from
 * the network. {@code format} is not asserted: API Gateway checks neither known formats nor unknown ones such as
 * {@code guid}.
 *
 * <p>Each model is compiled once, in the constructor, which fails with {@link IllegalArgumentException} naming a
 * model whose schema or references are broken. Thread-safe after construction.
 */
public final class RequestValidator {
    private static final String MODEL_URL = "https://apigateway.amazonaws.com/restapis/";
    private static final Pattern MODEL_REF =
            Pattern.compile("https://apigateway\\.amazonaws\\.com/restapis/[^/#]+/models/([^/#]+)(#.*)?");
    private static final Pattern PARAMETER =
            Pattern.compile("method\\.request\\.(path|querystring|multivaluequerystring|header|multivalueheader)\\.(.+)");

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final String base;
    private final Map<String, Schema> schemas = new LinkedHashMap<>();

    /**
     * @param apiId  the API's id, for the model URLs
     * @param models the API's models by name
     * @throws IllegalArgumentException a model is not a valid schema or refers to something that is not a model
     */
    public RequestValidator(String apiId, Map<String, JsonNode> models) {
        this.base = MODEL_URL + apiId + "/models/";
        Map<String, String> documents = new LinkedHashMap<>();
        models.forEach((name, model) -> documents.put(modelUrl(name), prepare(model, models.keySet()).toString()));

        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(false)
                .build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4, builder -> builder
                .schemaRegistryConfig(config)
                .schemas(documents)
                .schemaLoader(loader -> loader.fetchRemoteResources(false).allow(this::loadable)));
        for (String name : models.keySet()) {
            try {
                Schema schema = registry.getSchema(SchemaLocation.of(modelUrl(name)));
                schema.initializeValidators();
                schemas.put(name, schema);
            } catch (SchemaException | IllegalArgumentException | IllegalStateException e) {
                throw new IllegalArgumentException("Model " + name + " is not a valid JSON Schema draft 4 model: "
                        + e.getMessage(), e);
            }
        }
    }

    /**
     * Validates a body against a model.
     *
     * @return the violations; empty when the body is valid. A body that is not JSON gives one violation at
     * {@code ""}.
     * @throws IllegalArgumentException the API has no such model
     */
    public List<Violation> validateBody(String modelName, byte[] body) {
        Schema schema = schemas.get(modelName);
        if (schema == null) {
            throw new IllegalArgumentException("No model named " + modelName);
        }
        JsonNode instance;
        try {
            instance = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return List.of(new Violation("", "Invalid JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            return List.of(new Violation("", "Invalid JSON: " + e.getMessage()));
        }
        if (instance == null || instance.isMissingNode()) {
            return List.of(new Violation("", "Invalid JSON: the body is empty"));
        }
        List<Error> errors = schema.validate(instance);
        if (errors.isEmpty()) {
            return List.of();
        }
        List<Violation> violations = new ArrayList<>(errors.size());
        for (Error error : errors) {
            violations.add(new Violation(pointer(error), error.getMessage()));
        }
        return List.copyOf(violations);
    }

    /**
     * The required parameters that a request lacks or sends blank, as API Gateway checks them.
     *
     * @param required e.g. {@code method.request.header.X-Api-Version}, {@code method.request.querystring.page},
     *                 {@code method.request.path.id} ({@code multivalueheader} and {@code multivaluequerystring}
     *                 too)
     * @return the missing names as the API spells them (e.g. {@code X-Api-Version}), in {@code required} order;
     * headers match without regard to case
     * @throws IllegalArgumentException an entry is not a method request parameter
     */
    public static List<String> missingParameters(List<String> required, Map<String, String> path,
                                                 Map<String, List<String>> query, Map<String, List<String>> headers) {
        List<String> missing = new ArrayList<>();
        Map<String, List<String>> lowerHeaders = null;
        for (String parameter : required) {
            Matcher m = PARAMETER.matcher(parameter);
            if (!m.matches()) {
                throw new IllegalArgumentException("Not a method request parameter: " + parameter);
            }
            String name = m.group(2);
            boolean present = switch (m.group(1)) {
                case "path" -> path != null && !isBlank(path.get(name));
                case "querystring", "multivaluequerystring" -> query != null && anyNonBlank(query.get(name));
                default -> {
                    if (headers == null) {
                        yield false;
                    }
                    if (headers.containsKey(name)) {
                        yield anyNonBlank(headers.get(name));
                    }
                    if (lowerHeaders == null) {
                        lowerHeaders = new LinkedHashMap<>();
                        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                            lowerHeaders.merge(e.getKey().toLowerCase(Locale.ROOT), e.getValue(), (a, b) -> {
                                List<String> both = new ArrayList<>(a);
                                both.addAll(b);
                                return both;
                            });
                        }
                    }
                    yield anyNonBlank(lowerHeaders.get(name.toLowerCase(Locale.ROOT)));
                }
            };
            if (!present) {
                missing.add(name);
            }
        }
        return List.copyOf(missing);
    }

    /** Only the API's models and the JSON Schema meta-schemas (bundled in the library) may be loaded. */
    private boolean loadable(AbsoluteIri iri) {
        String s = iri.toString();
        return s.startsWith(base) || s.startsWith("http://json-schema.org/") || s.startsWith("https://json-schema.org/");
    }

    private String modelUrl(String name) {
        return base + URLEncoder.encode(name, StandardCharsets.UTF_8);
    }

    /** A copy of a model, declared draft 4, with its references to other models as model URLs. */
    private JsonNode prepare(JsonNode model, Set<String> modelNames) {
        JsonNode copy = model.deepCopy();
        if (copy instanceof ObjectNode root) {
            root.put("$schema", SpecificationVersion.DRAFT_4.getDialectId());
            rewriteRefs(root, root, modelNames);
        }
        return copy;
    }

    private void rewriteRefs(JsonNode node, JsonNode root, Set<String> modelNames) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref instanceof TextNode text) {
                String target = modelReference(text.textValue(), root, modelNames);
                if (target != null) {
                    object.put("$ref", target);
                }
            }
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                if (!field.getKey().equals("enum")) {
                    rewriteRefs(field.getValue(), root, modelNames);
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                rewriteRefs(element, root, modelNames);
            }
        }
    }

    /** The model URL a reference means, or null to leave it as it is. */
    private String modelReference(String ref, JsonNode root, Set<String> modelNames) {
        for (String prefix : new String[] {"#/definitions/", "#/components/schemas/"}) {
            if (ref.startsWith(prefix)) {
                String rest = ref.substring(prefix.length());
                int slash = rest.indexOf('/');
                String token = slash < 0 ? rest : rest.substring(0, slash);
                String name = unescape(token);
                String fragment = slash < 0 ? "" : rest.substring(slash);
                boolean definedHere = !root.at(prefix.substring(1) + token).isMissingNode();
                if (definedHere || !modelNames.contains(name)) {
                    return null;
                }
                return modelUrl(name) + (fragment.isEmpty() ? "" : "#" + fragment);
            }
        }
        Matcher m = MODEL_REF.matcher(ref);
        if (m.matches()) {
            return modelUrl(URLDecoder.decode(m.group(1), StandardCharsets.UTF_8))
                    + (m.group(2) == null ? "" : m.group(2));
        }
        return null;
    }

    /**
     * The pointer of an error's value; for a missing required member or a member the model does not allow, the
     * pointer of that member.
     */
    private static String pointer(Error error) {
        String location = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
        String keyword = error.getKeyword();
        String property = error.getProperty();
        if (property != null && ("required".equals(keyword) || "additionalProperties".equals(keyword))) {
            return location + "/" + property.replace("~", "~0").replace("/", "~1");
        }
        return location;
    }

    private static String unescape(String pointerToken) {
        return pointerToken.replace("~1", "/").replace("~0", "~");
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static boolean anyNonBlank(List<String> values) {
        if (values == null) {
            return false;
        }
        for (String value : values) {
            if (!isBlank(value)) {
                return true;
            }
        }
        return false;
    }
}

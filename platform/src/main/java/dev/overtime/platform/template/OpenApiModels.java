package dev.overtime.platform.template;

import dev.overtime.platform.template.TemplateValue.Mapping;
import dev.overtime.platform.template.TemplateValue.Sequence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what request validation needs from an OpenAPI definition: its models (Swagger 2 {@code definitions},
 * OpenAPI 3 {@code components.schemas}), the model of each method's body and its required parameters. Models are
 * kept as written, {@code $ref}s included. An inline body schema becomes a model of its own, named after the method
 * and path ({@code POST /orders/{id}} gives {@code PostOrdersIdBody}).
 */
final class OpenApiModels {

    private static final List<String> MODEL_REFS = List.of("#/definitions/", "#/components/schemas/", "/models/");
    private static final String JSON = "application/json";
    private static final Map<String, String> PARAMETER_LOCATIONS =
            Map.of("header", "header", "query", "querystring", "path", "path");

    private final Mapping definition;
    private final ApiDraft draft;

    private OpenApiModels(Mapping definition, ApiDraft draft) {
        this.definition = definition;
        this.draft = draft;
    }

    /** Adds the definition's models to the draft. */
    static OpenApiModels read(Mapping definition, ApiDraft draft) {
        Optional<Mapping> swagger = ApiValues.mapping(definition, "definitions", "a map of models");
        Optional<Mapping> openApi = component("schemas", definition);
        for (Optional<Mapping> section : List.of(swagger, openApi)) {
            section.ifPresent(models -> models.entries().forEach((name, schema) ->
                    draft.models.put(name, TemplateJson.of(schema))));
        }
        return new OpenApiModels(definition, draft);
    }

    /** The model of the method's body by content type: Swagger 2 {@code in: body} or OpenAPI 3 {@code requestBody}. */
    Map<String, String> bodyModels(Mapping operation, String method, String path) {
        Map<String, String> models = new LinkedHashMap<>();
        operation.get("parameters").map(OpenApiModels::list).orElse(List.of()).stream()
                .map(this::parameter)
                .filter(parameter -> ApiValues.text(parameter, "in", "a parameter location").orElse("").equals("body"))
                .forEach(body -> body.get("schema").ifPresent(schema -> consumes(operation).forEach(contentType ->
                        models.put(contentType, model(schema, method, path)))));
        operation.get("requestBody").map(body -> resolve(ApiValues.mapping(body, "a request body"), "requestBodies"))
                .flatMap(body -> ApiValues.mapping(body, "content", "a map of content types"))
                .ifPresent(content -> content.entries().forEach((contentType, media) ->
                        ApiValues.mapping(media, "a media type with a schema").get("schema")
                                .ifPresent(schema -> models.put(contentType, model(schema, method, path)))));
        return models;
    }

    /**
     * The required header, query string and path parameters, as {@code method.request.header.X} and the like; the
     * method's parameters replace its path's of the same name and location.
     */
    List<String> requiredParameters(Mapping pathItem, Mapping operation) {
        Map<String, Mapping> parameters = new LinkedHashMap<>();
        for (Mapping owner : List.of(pathItem, operation)) {
            owner.get("parameters").map(OpenApiModels::list).orElse(List.of()).stream().map(this::parameter)
                    .forEach(parameter -> parameters.put(ApiValues.text(parameter, "in", "a parameter location")
                            .orElse("") + " " + ApiValues.text(parameter, "name", "a parameter name").orElse(""),
                            parameter));
        }
        List<String> required = new ArrayList<>();
        parameters.values().forEach(parameter -> {
            String location = PARAMETER_LOCATIONS.get(ApiValues.text(parameter, "in", "a location").orElse(""));
            if (location != null && ApiValues.bool(parameter, "required", false)) {
                required.add("method.request." + location + "."
                        + ApiValues.text(parameter, "name", "a parameter name").orElseThrow(() ->
                                TemplateProblem.required(parameter, "name", "a parameter name")));
            }
        });
        return required;
    }

    private List<String> consumes(Mapping operation) {
        Optional<TemplateValue> consumes = operation.get("consumes").or(() -> definition.get("consumes"));
        return consumes.map(value -> ApiValues.texts(value, "content types")).orElse(List.of(JSON));
    }

    /** The name of the model a schema refers to, or of the model made of an inline schema. */
    private String model(TemplateValue written, String method, String path) {
        Mapping schema = ApiValues.mapping(written, "a schema");
        Optional<TemplateValue> ref = schema.get("$ref");
        if (ref.isPresent()) {
            String target = PropertyValues.text(ref.get(), "a reference to a model");
            String name = MODEL_REFS.stream().filter(target::contains).findFirst()
                    .map(prefix -> target.substring(target.lastIndexOf(prefix) + prefix.length()))
                    .orElse(target);
            if (!draft.models.containsKey(name)) {
                throw TemplateProblem.at(ref.get(), "expected a reference to a model the definition declares, found '"
                        + target + "'");
            }
            return name;
        }
        String base = inlineModelName(method, path);
        String name = base;
        for (int n = 2; draft.models.containsKey(name); n++) {
            name = base + n;
        }
        draft.models.put(name, TemplateJson.of(schema));
        return name;
    }

    /** API Gateway's model names are letters and digits: {@code POST /orders/{id}} gives {@code PostOrdersIdBody}. */
    static String inlineModelName(String method, String path) {
        StringBuilder name = new StringBuilder(capitalized(method.toLowerCase(Locale.ROOT)));
        for (String word : path.split("[^A-Za-z0-9]+")) {
            name.append(capitalized(word));
        }
        return name.append("Body").toString();
    }

    private static String capitalized(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    /** A parameter, through its {@code $ref} to {@code #/parameters/X} or {@code #/components/parameters/X}. */
    private Mapping parameter(TemplateValue written) {
        return resolve(ApiValues.mapping(written, "a parameter"), "parameters");
    }

    /** The object a local {@code $ref} points at ({@code #/parameters/X}, {@code #/components/requestBodies/X}). */
    private Mapping resolve(Mapping object, String section) {
        Optional<TemplateValue> ref = object.get("$ref");
        if (ref.isEmpty()) {
            return object;
        }
        String target = PropertyValues.text(ref.get(), "a reference");
        String name = target.substring(target.lastIndexOf('/') + 1);
        Optional<Mapping> found = target.startsWith("#/components/") ? component(section, definition)
                : ApiValues.mapping(definition, section, "a map");
        return found.flatMap(mapping -> mapping.get(name)).map(value -> ApiValues.mapping(value, "a map"))
                .orElseThrow(() -> TemplateProblem.at(ref.get(), "expected a reference to an object the definition "
                        + "declares, found '" + target + "'"));
    }

    private static Optional<Mapping> component(String section, Mapping definition) {
        return ApiValues.mapping(definition, "components", "a map of components")
                .flatMap(components -> ApiValues.mapping(components, section, "a map"));
    }

    private static List<TemplateValue> list(TemplateValue value) {
        if (!(value instanceof Sequence sequence)) {
            throw TemplateProblem.expected(value, "a list of parameters");
        }
        return sequence.items();
    }
}

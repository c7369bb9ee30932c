package dev.overtime.platform.template;

import dev.overtime.platform.apigateway.ApiDefinition.ValidatorSpec;
import dev.overtime.platform.apigateway.Integration;
import dev.overtime.platform.apigateway.Integration.IntegrationType;
import dev.overtime.platform.template.TemplateValue.Mapping;
import dev.overtime.platform.template.TemplateValue.Sequence;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the {@code Api} and {@code HttpApi} events of SAM functions into routes of their APIs: the API
 * {@code RestApiId}/{@code ApiId} names, else SAM's implicit {@code ServerlessRestApi}/{@code ServerlessHttpApi}. The
 * route is a Lambda proxy integration (payload 1.0 for {@code Api}, {@code PayloadFormatVersion} or 2.0 for
 * {@code HttpApi}) of the function, or of its {@code AutoPublishAlias} alias when it has one, as SAM wires it. An
 * event may integrate a method the API's definition declares without an integration, as SAM lets it. Events of other
 * types are not served yet.
 */
final class ApiEventsReader {

    private static final Pattern REQUEST_PARAMETER = Pattern.compile("method\\.request\\.(querystring|path|header)\\..+");
    private static final String JSON = "application/json";

    /** The APIs events attach routes to. */
    interface Apis {
        /**
         * The API with this logical id, which must be of the type; empty when it is not served.
         *
         * @param where the value naming it, for problems, or null for an implicit API
         */
        Optional<ApiDraft> draft(String logicalId, String type, TemplateValue where);
    }

    private final IntrinsicResolver resolver;
    private final Apis apis;
    private final List<String> warnings;

    ApiEventsReader(IntrinsicResolver resolver, Apis apis, List<String> warnings) {
        this.resolver = resolver;
        this.apis = apis;
        this.warnings = warnings;
    }

    /** Adds the routes of a SAM function's events. */
    void read(TemplateResource function, String functionName) {
        Optional<TemplateValue> written = function.properties().get("Events");
        if (written.isEmpty() || IntrinsicResolver.isNoValue(written.get())) {
            return;
        }
        String qualifier = SamAutoPublish.aliasName(function, resolver).orElse(null);
        ApiValues.mapping(written.get(), "a map of events").entries().forEach((name, value) -> {
            Mapping event = ApiValues.mapping(value, "an event with Type and Properties");
            TemplateValue type = event.get("Type").flatMap(resolver::resolve)
                    .orElseThrow(() -> TemplateProblem.required(event, "Type", "an event type such as Api"));
            Mapping properties = event.get("Properties").map(p -> ApiValues.mapping(p, "a map of event properties"))
                    .orElse(Mapping.empty(event.line(), event.childPath("Properties")));
            QualifiedFunction target = new QualifiedFunction(functionName, qualifier);
            switch (PropertyValues.text(type, "an event type such as Api")) {
                case "Api" -> api(properties, target);
                case "HttpApi" -> httpApi(properties, target);
                default -> warnings.add(function.logicalId() + ".Events." + name + ": Type "
                        + PropertyValues.text(type, "an event type") + " not served yet");
            }
        });
    }

    private void api(Mapping properties, QualifiedFunction function) {
        Optional<ApiDraft> found = target(properties, "RestApiId", ApiReferences.IMPLICIT_REST, ResourceTypes.SERVERLESS_API);
        if (found.isEmpty()) {
            return;
        }
        ApiDraft draft = found.get();
        TemplateValue path = required(properties, "Path", "a path such as /hello/{name}");
        ApiDraft.RouteDraft route = route(draft, method(required(properties, "Method", "a method such as get")),
                path(path), path);
        route.integration = proxy(function, "1.0", properties, draft);
        auth(properties, draft, route);
        resolved(properties, "RequestModel").ifPresent(model -> requestModel(model, draft, route));
        resolved(properties, "RequestParameters").ifPresent(parameters -> requestParameters(parameters, route));
    }

    private void httpApi(Mapping properties, QualifiedFunction function) {
        Optional<ApiDraft> found = target(properties, "ApiId", ApiReferences.IMPLICIT_HTTP, ResourceTypes.SERVERLESS_HTTP_API);
        if (found.isEmpty()) {
            return;
        }
        ApiDraft draft = found.get();
        Optional<TemplateValue> path = resolved(properties, "Path");
        String method = resolved(properties, "Method").map(ApiEventsReader::method).orElse("ANY");
        ApiDraft.RouteDraft route = route(draft, method, path.map(ApiEventsReader::path).orElse("$default"),
                path.orElse(properties));
        String payload = resolved(properties, "PayloadFormatVersion").map(value -> {
            String version = PropertyValues.text(value, "'1.0' or '2.0'");
            if (!version.equals("1.0") && !version.equals("2.0")) {
                throw TemplateProblem.expected(value, "'1.0' or '2.0'");
            }
            return version;
        }).orElse("2.0");
        route.integration = proxy(function, payload, properties, draft);
        auth(properties, draft, route);
    }

    private Optional<ApiDraft> target(Mapping properties, String key, String implicit, String type) {
        Optional<TemplateValue> written = properties.get(key);
        String expected = "!Ref to an " + type + " the template declares";
        String logicalId = written.map(value -> ApiReading.logicalIdIn(value)
                .orElseThrow(() -> TemplateProblem.expected(value, expected))).orElse(implicit);
        return apis.draft(logicalId, type, written.orElse(null));
    }

    private static ApiDraft.RouteDraft route(ApiDraft draft, String method, String path, TemplateValue where) {
        ApiDraft.RouteDraft route = draft.route(method, path);
        if (route.integrated) {
            throw TemplateProblem.at(where, "expected a route that neither the API's definition nor another event "
                    + "integrates, found " + route.key() + " of API " + draft.logicalId + ", which is integrated");
        }
        route.integrated = true;
        return route;
    }

    private static String method(TemplateValue value) {
        String method = PropertyValues.text(value, "a method such as get or any").toUpperCase(Locale.ROOT);
        return method.equals("X-AMAZON-APIGATEWAY-ANY-METHOD") ? "ANY" : method;
    }

    private static String path(TemplateValue value) {
        String path = PropertyValues.text(value, "a path starting with /");
        if (!path.startsWith("/")) {
            throw TemplateProblem.expected(value, "a path starting with /");
        }
        return path;
    }

    /** The Lambda proxy integration SAM generates, with the event's {@code TimeoutInMillis}. */
    private Integration proxy(QualifiedFunction function, String payload, Mapping properties, ApiDraft draft) {
        Duration timeout = resolved(properties, "TimeoutInMillis")
                .map(value -> Duration.ofMillis(PropertyValues.integer(value, 50, 300_000,
                        "an integer from 50 to 300000 (milliseconds)")))
                .orElse(draft.defaultTimeout());
        return new Integration(IntegrationType.AWS_PROXY, function.name(), function.qualifier(), payload, Map.of(),
                Map.of(), null, List.of(), timeout, false);
    }

    private void auth(Mapping properties, ApiDraft draft, ApiDraft.RouteDraft route) {
        resolved(properties, "Auth").map(value -> ApiValues.mapping(value, "a map with Authorizer"))
                .ifPresent(auth -> {
                    auth.get("Authorizer").ifPresent(value -> {
                        String name = PropertyValues.text(value, "the name of an authorizer");
                        if (!draft.knowsAuthorizer(name)) {
                            throw TemplateProblem.at(value, "expected NONE, AWS_IAM or one of the authorizers of API "
                                    + draft.logicalId + " " + draft.authorizers.keySet() + ", found '" + name + "'");
                        }
                        route.authorizer = name;
                    });
                    auth.get("ApiKeyRequired").ifPresent(value -> route.apiKeyRequired = ApiValues.bool(value));
                });
    }

    /** SAM's {@code RequestModel}: the body's model, and a validator when it asks for validation. */
    private static void requestModel(TemplateValue value, ApiDraft draft, ApiDraft.RouteDraft route) {
        Mapping requestModel = ApiValues.mapping(value, "a map with Model");
        TemplateValue model = requestModel.get("Model")
                .orElseThrow(() -> TemplateProblem.required(requestModel, "Model", "the name of one of the API's Models"));
        String name = PropertyValues.text(model, "the name of one of the API's Models");
        if (!draft.models.containsKey(name)) {
            throw TemplateProblem.at(model, "expected one of the Models of API " + draft.logicalId + " "
                    + draft.models.keySet() + ", found '" + name + "'");
        }
        route.requestModels.put(JSON, name);
        Optional<TemplateValue> body = requestModel.get("ValidateBody");
        Optional<TemplateValue> parameters = requestModel.get("ValidateParameters");
        if (body.isPresent() || parameters.isPresent()) {
            boolean validateBody = body.map(ApiValues::bool).orElse(false);
            boolean validateParameters = parameters.map(ApiValues::bool).orElse(false);
            String validator = validateBody ? (validateParameters ? "body-and-params" : "body-only")
                    : (validateParameters ? "params-only" : "no-validation");
            draft.validators.putIfAbsent(validator, new ValidatorSpec(validateBody, validateParameters));
            route.validator = validator;
        }
    }

    /** SAM's {@code RequestParameters}: names, or single-key maps to {@code {Required, Caching}}. */
    private static void requestParameters(TemplateValue value, ApiDraft.RouteDraft route) {
        if (!(value instanceof Sequence list)) {
            throw TemplateProblem.expected(value, "a list of parameters such as method.request.header.Authorization");
        }
        String expected = "a parameter such as method.request.header.Authorization, or a map of one to "
                + "{Required, Caching}";
        for (TemplateValue item : list.items()) {
            String name;
            boolean required = false;
            if (item instanceof Mapping parameter && parameter.entries().size() == 1) {
                name = parameter.entries().keySet().iterator().next();
                required = ApiValues.bool(ApiValues.mapping(parameter.entries().get(name), "a map with Required"),
                        "Required", false);
            } else {
                name = PropertyValues.text(item, expected);
            }
            if (!REQUEST_PARAMETER.matcher(name).matches()) {
                throw TemplateProblem.expected(item, expected);
            }
            if (required && !route.requiredParameters.contains(name)) {
                route.requiredParameters.add(name);
            }
        }
    }

    private Optional<TemplateValue> resolved(Mapping properties, String key) {
        return properties.get(key).flatMap(resolver::resolve);
    }

    private TemplateValue required(Mapping properties, String key, String expected) {
        return resolved(properties, key).orElseThrow(() -> TemplateProblem.required(properties, key, expected));
    }
}

package dev.overtime.platform.template;

import dev.overtime.platform.async.EventInvokeConfig;
import dev.overtime.platform.template.TemplateValue.Mapping;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads asynchronous invocation settings: SAM's {@code EventInvokeConfig} on a function ({@code Globals}
 * already merged in), which SAM applies to the {@code AutoPublishAlias} alias when there is one, and
 * {@code AWS::Lambda::EventInvokeConfig} resources for {@code $LATEST}, an alias or a version. Each
 * function and qualifier may be configured once, as CloudFormation refuses a second configuration.
 */
final class EventInvokeConfigReader {

    private static final String PROPERTY = "EventInvokeConfig";
    private static final String QUALIFIER_EXPECTED = "$LATEST, an alias name, a version number, !Ref to an alias "
            + "or a version, or !GetAtt Version.Version";
    private static final Set<String> SETTINGS =
            Set.of("MaximumEventAgeInSeconds", "MaximumRetryAttempts", "DestinationConfig");
    private static final Set<String> RESOURCE_PROPERTIES = Set.of("FunctionName", "Qualifier",
            "MaximumEventAgeInSeconds", "MaximumRetryAttempts", "DestinationConfig");
    private static final Set<String> DESTINATION_CONFIG =
            Set.of(DestinationReader.ON_SUCCESS, DestinationReader.ON_FAILURE);

    private final IntrinsicResolver resolver;
    private final Map<String, TemplateResource> resources;
    private final Map<String, String> functionNames;
    private final FunctionTargets targets;
    private final DeclaredVersions declared;
    private final DestinationReader destinations;
    private final List<String> warnings;
    private final Map<String, EventInvokeConfig> configs = new LinkedHashMap<>();
    private final Map<String, String> configuredBy = new HashMap<>();

    /**
     * @param resources     the template's resources, functions with {@code Globals} already merged in
     * @param functionNames the name of every function, by logical id
     * @param declared      the versions each function declares, which a qualifier may name
     */
    EventInvokeConfigReader(TemplateContext ctx, IntrinsicResolver resolver, Map<String, TemplateResource> resources,
            Map<String, String> functionNames, DeclaredVersions declared, List<String> warnings) {
        this.resolver = resolver;
        this.resources = resources;
        this.functionNames = functionNames;
        this.targets = new FunctionTargets(resolver, functionNames.values());
        this.declared = declared;
        this.destinations = new DestinationReader(ctx, resolver, resources, functionNames.values(), declared,
                warnings);
        this.warnings = warnings;
    }

    /**
     * The configurations by function name ({@code $LATEST}) or {@code name:qualifier}, in template order.
     *
     * @param lastModifiedMillis when the configurations count as set
     */
    Map<String, EventInvokeConfig> read(long lastModifiedMillis) {
        for (TemplateResource resource : resources.values()) {
            if (resource.type().equals(ResourceTypes.SERVERLESS_FUNCTION)) {
                fromFunction(resource, lastModifiedMillis);
            } else if (resource.type().equals(ResourceTypes.EVENT_INVOKE_CONFIG)) {
                fromResource(resource, lastModifiedMillis);
            }
        }
        return configs;
    }

    private void fromFunction(TemplateResource function, long lastModifiedMillis) {
        Optional<TemplateValue> written = function.properties().get(PROPERTY);
        Optional<Mapping> config = written.flatMap(value -> mapping(value,
                "a map with MaximumEventAgeInSeconds, MaximumRetryAttempts and DestinationConfig"));
        if (config.isEmpty()) {
            return;
        }
        String where = function.logicalId() + "." + PROPERTY;
        String name = functionNames.get(function.logicalId());
        warnAboutUnknownKeys(config.get(), SETTINGS, where, PROPERTY);
        String key = SamAutoPublish.aliasName(function, resolver).map(alias -> name + ":" + alias).orElse(name);
        add(key, settings(config.get(), where, name, lastModifiedMillis), written.get(), where);
    }

    private void fromResource(TemplateResource resource, long lastModifiedMillis) {
        Mapping properties = resource.properties();
        resource.definition().get("Condition").ifPresent(condition -> warnings.add(resource.logicalId()
                + ".Condition: not evaluated; the configuration is applied"));
        String name = targets.required(properties).name();
        TemplateValue written = properties.get("Qualifier")
                .orElseThrow(() -> TemplateProblem.required(properties, "Qualifier", QUALIFIER_EXPECTED));
        TemplateValue value = resolver.resolve(written)
                .orElseThrow(() -> TemplateProblem.expected(written, QUALIFIER_EXPECTED));
        String qualifier = Qualifiers.read(value, QUALIFIER_EXPECTED);
        declared.requireOwnVersion(value, name, qualifier);
        String key = qualifier.equals(Qualifiers.LATEST) ? name : name + ":" + qualifier;
        add(key, settings(properties, resource.logicalId(), name, lastModifiedMillis),
                properties.get("FunctionName").orElseThrow(), resource.logicalId());
    }

    private EventInvokeConfig settings(Mapping config, String where, String function, long lastModifiedMillis) {
        Integer retries = integer(config, "MaximumRetryAttempts", 0, EventInvokeConfig.MAX_RETRY_ATTEMPTS,
                "an integer from 0 to " + EventInvokeConfig.MAX_RETRY_ATTEMPTS);
        Integer maxAge = integer(config, "MaximumEventAgeInSeconds", EventInvokeConfig.MIN_EVENT_AGE_SECONDS,
                EventInvokeConfig.MAX_EVENT_AGE_SECONDS, "an integer from " + EventInvokeConfig.MIN_EVENT_AGE_SECONDS
                        + " to " + EventInvokeConfig.MAX_EVENT_AGE_SECONDS + " (seconds)");
        Optional<Mapping> destinationConfig = config.get("DestinationConfig")
                .flatMap(value -> mapping(value, "a map with OnSuccess and OnFailure"));
        String onSuccess = null;
        String onFailure = null;
        if (destinationConfig.isPresent()) {
            String prefix = where + ".DestinationConfig";
            warnAboutUnknownKeys(destinationConfig.get(), DESTINATION_CONFIG, prefix, "DestinationConfig");
            onSuccess = destination(destinationConfig.get(), DestinationReader.ON_SUCCESS, prefix, function);
            onFailure = destination(destinationConfig.get(), DestinationReader.ON_FAILURE, prefix, function);
        }
        return new EventInvokeConfig(retries, maxAge, onSuccess, onFailure, lastModifiedMillis);
    }

    private String destination(Mapping destinationConfig, String outcome, String prefix, String function) {
        return destinationConfig.get(outcome)
                .flatMap(value -> mapping(value, "a map with Type and Destination"))
                .map(destination -> destinations.read(destination, outcome, prefix + "." + outcome, function))
                .orElse(null);
    }

    private Integer integer(Mapping config, String key, int min, int max, String expected) {
        return config.get(key).flatMap(resolver::resolve)
                .map(value -> (int) PropertyValues.integer(value, min, max, expected))
                .orElse(null);
    }

    /**
     * The value as a map. A written map is not resolved as a whole, since its destinations may refer to
     * queues and topics the resolver refuses; anything else is resolved and must give a map.
     */
    private Optional<Mapping> mapping(TemplateValue value, String expected) {
        Optional<TemplateValue> resolved = value instanceof Mapping ? Optional.of(value) : resolver.resolve(value);
        return resolved.map(map -> {
            if (!(map instanceof Mapping mapping)) {
                throw TemplateProblem.expected(map, expected);
            }
            return mapping;
        });
    }

    /** @param key the function's name, followed by {@code :qualifier} unless it is $LATEST */
    private void add(String key, EventInvokeConfig config, TemplateValue where, String source) {
        String first = configuredBy.putIfAbsent(key, source + " (line " + where.line() + ")");
        if (first != null) {
            throw TemplateProblem.at(where, "expected one EventInvokeConfig per function and qualifier, found a "
                    + "second for '" + key + "', already configured by " + first);
        }
        configs.put(key, config);
    }

    private void warnAboutUnknownKeys(Mapping mapping, Set<String> known, String where, String what) {
        mapping.entries().keySet().stream()
                .filter(key -> !known.contains(key))
                .forEach(key -> warnings.add(where + "." + key + ": not a property of " + what + "; ignored"));
    }
}

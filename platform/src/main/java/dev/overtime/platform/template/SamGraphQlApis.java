package dev.overtime.platform.template;

import dev.overtime.platform.template.TemplateValue.Intrinsic;
import dev.overtime.platform.template.TemplateValue.Mapping;
import dev.overtime.platform.template.TemplateValue.Scalar;
import dev.overtime.platform.template.TemplateValue.ScalarKind;
import dev.overtime.platform.template.TemplateValue.Sequence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Expands each {@code AWS::Serverless::GraphQLApi} into the AppSync resources SAM generates for it, with SAM's
 * logical ids, so that they are read like CloudFormation's and references to them ({@code !GetAtt ApiMyKey.ApiKey})
 * resolve:
 * <ul>
 *   <li>the API under its own logical id ({@code Name} defaults to the logical id; {@code Auth.Type} and
 *       {@code Auth.Additional[].Type});</li>
 *   <li>{@code {Api}Schema} from {@code SchemaInline} or {@code SchemaUri};</li>
 *   <li>{@code {Api}{Key}} for each of {@code ApiKeys} ({@code ExpiresOn} becomes {@code Expires});</li>
 *   <li>{@code {Api}{Name}LambdaDataSource} and {@code {Api}{Name}DynamoDBDataSource} for {@code DataSources}, named
 *       {@code Name} or the entry's name; {@code {Api}NoneDataSource} once a function names {@code NONE};</li>
 *   <li>{@code {Api}{Function}} for each of {@code Functions} (one with only an {@code Id} refers to a function
 *       declared elsewhere);</li>
 *   <li>{@code {Api}{Type}{Field}} for each of {@code Resolvers}: always a pipeline, and without code SAM's
 *       pass-through {@code APPSYNC_JS} code, which returns the last function's result.</li>
 * </ul>
 * The generated values keep the lines and paths of the SAM properties they come from, so problems point at those.
 * Logging, caching, domains, tags and X-Ray make no difference locally and are ignored.
 */
final class SamGraphQlApis {

    /** SAM's code for a pipeline resolver that has none. */
    static final String PASS_THROUGH_CODE = """
            export function request(ctx) {
                return {};
            }

            export function response(ctx) {
                return ctx.prev.result;
            }
            """;

    private final Map<String, TemplateResource> expanded = new LinkedHashMap<>();
    private final Map<String, TemplateResource> original;

    private SamGraphQlApis(Map<String, TemplateResource> original) {
        this.original = original;
    }

    /** The resources with each SAM GraphQL API replaced, in place, by the resources SAM generates for it. */
    static Map<String, TemplateResource> expand(Map<String, TemplateResource> resources) {
        if (resources.values().stream().noneMatch(r -> r.type().equals(ResourceTypes.SERVERLESS_GRAPHQL_API))) {
            return resources;
        }
        SamGraphQlApis expander = new SamGraphQlApis(resources);
        resources.values().forEach(resource -> {
            if (resource.type().equals(ResourceTypes.SERVERLESS_GRAPHQL_API)) {
                expander.api(resource);
            } else {
                expander.add(resource);
            }
        });
        return expander.expanded;
    }

    /**
     * The name a SAM template gives a resource SAM generates (the key's name in {@code ApiKeys}, say); empty for a
     * resource the template declares itself.
     */
    static Optional<String> samName(TemplateResource resource) {
        if (resource.definition().get("Type").isPresent()) {
            return Optional.empty();
        }
        String path = resource.definition().path();
        return Optional.of(path.substring(path.lastIndexOf('.') + 1));
    }

    private void add(TemplateResource resource) {
        expanded.put(resource.logicalId(), resource);
    }

    private void api(TemplateResource sam) {
        String api = sam.logicalId();
        Mapping p = sam.properties();
        Map<String, TemplateValue> apiProperties = new LinkedHashMap<>();
        apiProperties.put("Name", p.get("Name").orElse(scalar(api, p)));
        Mapping auth = mapping(p.get("Auth").orElseThrow(() ->
                TemplateProblem.required(p, "Auth", "a map with a Type such as API_KEY")), "a map with a Type");
        apiProperties.put("AuthenticationType", auth.get("Type").orElseThrow(() ->
                TemplateProblem.required(auth, "Type", "an authentication type such as API_KEY")));
        auth.get("Additional").ifPresent(additional -> {
            if (!(additional instanceof Sequence providers)) {
                throw TemplateProblem.expected(additional, "a list of maps with a Type");
            }
            List<TemplateValue> converted = new ArrayList<>();
            for (TemplateValue provider : providers.items()) {
                Mapping m = mapping(provider, "a map with a Type");
                converted.add(map(m, "AuthenticationType", m.get("Type").orElseThrow(() ->
                        TemplateProblem.required(m, "Type", "an authentication type such as AWS_IAM"))));
            }
            apiProperties.put("AdditionalAuthenticationProviders",
                    new Sequence(converted, providers.line(), providers.path()));
        });
        add(new TemplateResource(api, ResourceTypes.GRAPHQL_API, sam.definition(),
                new Mapping(apiProperties, p.line(), p.path())));
        schema(sam);
        p.get("ApiKeys").ifPresent(keys -> entries(keys, "a map of API keys").forEach((name, key) -> {
            Mapping k = mappingOrEmpty(key, "a map with Description, ExpiresOn or ApiKeyId");
            Map<String, TemplateValue> props = partOf(api, k);
            k.get("ApiKeyId").ifPresent(v -> props.put("ApiKeyId", v));
            k.get("Description").ifPresent(v -> props.put("Description", v));
            k.get("ExpiresOn").ifPresent(v -> props.put("Expires", v));
            generate(api + name, ResourceTypes.APPSYNC_API_KEY, k, props);
        }));
        Map<String, String> dataSources = dataSources(sam);
        Map<String, TemplateValue> functionIds = functions(sam, dataSources);
        p.get("Resolvers").ifPresent(types -> entries(types, "a map of types to their fields' resolvers")
                .forEach((type, fields) -> entries(fields, "a map of fields to their resolvers")
                        .forEach((field, resolver) -> resolver(api, type, field,
                                mapping(resolver, "a map with Pipeline"), functionIds))));
    }

    private void schema(TemplateResource sam) {
        Mapping p = sam.properties();
        Optional<TemplateValue> inline = p.get("SchemaInline");
        Optional<TemplateValue> uri = p.get("SchemaUri");
        if (inline.isPresent() == uri.isPresent()) {
            throw inline.isPresent()
                    ? TemplateProblem.at(uri.get(), "expected either SchemaInline or SchemaUri, found both")
                    : TemplateProblem.required(p, "SchemaInline", "the schema's SDL, or SchemaUri naming a local file");
        }
        Map<String, TemplateValue> props = partOf(sam.logicalId(), p);
        inline.ifPresent(v -> props.put("Definition", v));
        uri.ifPresent(v -> props.put("DefinitionS3Location", v));
        generate(sam.logicalId() + "Schema", ResourceTypes.GRAPHQL_SCHEMA, p, props);
    }

    /** The data sources' logical ids by their names in {@code DataSources}. */
    private Map<String, String> dataSources(TemplateResource sam) {
        String api = sam.logicalId();
        Map<String, String> logicalIds = new LinkedHashMap<>();
        Optional<TemplateValue> written = sam.properties().get("DataSources");
        if (written.isEmpty()) {
            return logicalIds;
        }
        Map<String, TemplateValue> kinds = entries(written.get(), "a map with Lambda or DynamoDb");
        kinds.forEach((kind, sources) -> {
            String type = switch (kind) {
                case "Lambda" -> "AWS_LAMBDA";
                case "DynamoDb" -> "AMAZON_DYNAMODB";
                default -> throw TemplateProblem.at(sources, "expected Lambda or DynamoDb data sources, found '"
                        + kind + "'");
            };
            String suffix = kind.equals("Lambda") ? "LambdaDataSource" : "DynamoDBDataSource";
            entries(sources, "a map of data sources").forEach((name, source) -> {
                Mapping s = mapping(source, "a map with FunctionArn");
                Map<String, TemplateValue> props = partOf(api, s);
                props.put("Name", s.get("Name").orElse(scalar(name, s)));
                props.put("Type", scalar(type, s));
                if (type.equals("AWS_LAMBDA")) {
                    props.put("LambdaConfig", map(s, "LambdaFunctionArn", s.get("FunctionArn").orElseThrow(() ->
                            TemplateProblem.required(s, "FunctionArn", VersionArns.FUNCTION_EXPECTED))));
                }
                String logicalId = api + name + suffix;
                generate(logicalId, ResourceTypes.APPSYNC_DATA_SOURCE, s, props);
                logicalIds.put(name, logicalId);
            });
        });
        return logicalIds;
    }

    /** The values standing for the functions' ids, by their names in {@code Functions}. */
    private Map<String, TemplateValue> functions(TemplateResource sam, Map<String, String> dataSources) {
        String api = sam.logicalId();
        Map<String, TemplateValue> ids = new LinkedHashMap<>();
        sam.properties().get("Functions").ifPresent(functions -> entries(functions, "a map of functions")
                .forEach((name, function) -> {
                    Mapping f = mapping(function, "a map with DataSource, Runtime and InlineCode or CodeUri");
                    if (f.get("Id").isPresent()) {
                        if (f.entries().size() != 1) {
                            throw TemplateProblem.at(f, "expected Id alone (a function declared elsewhere), found "
                                    + String.join(", ", f.entries().keySet()));
                        }
                        ids.put(name, f.get("Id").get());
                        return;
                    }
                    Map<String, TemplateValue> props = partOf(api, f);
                    props.put("Name", f.get("Name").orElse(scalar(name, f)));
                    props.put("DataSourceName", dataSourceName(api, f, dataSources));
                    code(f, props, false);
                    f.get("MaxBatchSize").ifPresent(v -> props.put("MaxBatchSize", v));
                    generate(api + name, ResourceTypes.APPSYNC_FUNCTION, f, props);
                    ids.put(name, getAtt(api + name, "FunctionId", f));
                }));
        return ids;
    }

    private TemplateValue dataSourceName(String api, Mapping function, Map<String, String> dataSources) {
        TemplateValue written = function.get("DataSource").orElseThrow(() -> TemplateProblem.required(function,
                "DataSource", "the name of one of DataSources, or NONE"));
        if (!(written instanceof Scalar name) || name.isNull()) {
            return written;
        }
        if (name.text().toLowerCase(Locale.ROOT).equals("none")) {
            String logicalId = api + "NoneDataSource";
            if (!expanded.containsKey(logicalId)) {
                Map<String, TemplateValue> props = partOf(api, function);
                props.put("Name", scalar(logicalId, function));
                props.put("Type", scalar("NONE", function));
                generate(logicalId, ResourceTypes.APPSYNC_DATA_SOURCE, function, props);
            }
            return getAtt(logicalId, "Name", written);
        }
        String logicalId = dataSources.get(name.text());
        if (logicalId == null) {
            throw TemplateProblem.at(written, "expected the name of one of DataSources ("
                    + String.join(", ", dataSources.keySet()) + "), NONE or !GetAtt DataSource.Name, found '"
                    + name.text() + "'");
        }
        return getAtt(logicalId, "Name", written);
    }

    private void resolver(String api, String type, String field, Mapping r, Map<String, TemplateValue> functionIds) {
        TemplateValue pipeline = r.get("Pipeline").orElseThrow(() -> TemplateProblem.required(r, "Pipeline",
                "the names of the resolver's Functions (SAM makes pipeline resolvers only; declare an "
                        + ResourceTypes.APPSYNC_RESOLVER + " for a UNIT resolver)"));
        if (!(pipeline instanceof Sequence names)) {
            throw TemplateProblem.expected(pipeline, "a list of names of Functions");
        }
        List<TemplateValue> ids = new ArrayList<>();
        for (TemplateValue item : names.items()) {
            String name = PropertyValues.text(item, "the name of one of Functions");
            TemplateValue id = functionIds.get(name);
            if (id == null) {
                throw TemplateProblem.at(item, "expected the name of one of Functions ("
                        + String.join(", ", functionIds.keySet()) + "), found '" + name + "'");
            }
            ids.add(id);
        }
        Map<String, TemplateValue> props = partOf(api, r);
        props.put("TypeName", scalar(type, r));
        props.put("FieldName", r.get("FieldName").orElse(scalar(field, r)));
        props.put("Kind", scalar("PIPELINE", r));
        props.put("PipelineConfig", map(r, "Functions", new Sequence(ids, names.line(), names.path())));
        code(r, props, true);
        r.get("MaxBatchSize").ifPresent(v -> props.put("MaxBatchSize", v));
        generate(api + type + field, ResourceTypes.APPSYNC_RESOLVER, r, props);
    }

    /** {@code Runtime} and {@code Code} or {@code CodeS3Location} from SAM's {@code InlineCode} or {@code CodeUri}. */
    private static void code(Mapping sam, Map<String, TemplateValue> props, boolean passThroughWithout) {
        Optional<TemplateValue> inline = sam.get("InlineCode");
        Optional<TemplateValue> uri = sam.get("CodeUri");
        if (inline.isPresent() && uri.isPresent()) {
            throw TemplateProblem.at(uri.get(), "expected either InlineCode or CodeUri, found both");
        }
        if (inline.isEmpty() && uri.isEmpty()) {
            if (!passThroughWithout) {
                throw TemplateProblem.required(sam, "InlineCode", "APPSYNC_JS code, or CodeUri naming a local file");
            }
            props.put("Code", scalar(PASS_THROUGH_CODE, sam));
            props.put("Runtime", runtime(scalar(ResolverCodeReader.APPSYNC_JS, sam), scalar("1.0.0", sam), sam));
            return;
        }
        Mapping runtime = mapping(sam.get("Runtime").orElseThrow(() -> TemplateProblem.required(sam, "Runtime",
                "a map with Name: APPSYNC_JS and Version")), "a map with Name: APPSYNC_JS and Version");
        props.put("Runtime", runtime(runtime.get("Name").orElseThrow(() ->
                        TemplateProblem.required(runtime, "Name", ResolverCodeReader.APPSYNC_JS)),
                runtime.get("Version").orElse(scalar("1.0.0", runtime)), runtime));
        inline.ifPresent(v -> props.put("Code", v));
        uri.ifPresent(v -> props.put("CodeS3Location", v));
    }

    private static Mapping runtime(TemplateValue name, TemplateValue version, Mapping where) {
        Map<String, TemplateValue> entries = new LinkedHashMap<>();
        entries.put("Name", name);
        entries.put("RuntimeVersion", version);
        return new Mapping(entries, where.line(), where.path());
    }

    private void generate(String logicalId, String type, Mapping samEntry, Map<String, TemplateValue> props) {
        if (original.containsKey(logicalId) || expanded.containsKey(logicalId)) {
            throw TemplateProblem.at(samEntry, "expected a name that gives SAM's " + type + " a logical id of its own,"
                    + " found that '" + logicalId + "' is already a resource of the template");
        }
        expanded.put(logicalId, new TemplateResource(logicalId, type, samEntry,
                new Mapping(props, samEntry.line(), samEntry.path())));
    }

    /** The properties of a part of the API, starting with its {@code ApiId}. */
    private static Map<String, TemplateValue> partOf(String api, Mapping where) {
        Map<String, TemplateValue> props = new LinkedHashMap<>();
        props.put("ApiId", getAtt(api, "ApiId", where));
        return props;
    }

    private static Intrinsic getAtt(String logicalId, String attribute, TemplateValue where) {
        return new Intrinsic("Fn::GetAtt", "!GetAtt", scalar(logicalId + "." + attribute, where), where.line(),
                where.path());
    }

    private static Scalar scalar(String text, TemplateValue where) {
        return new Scalar(text, ScalarKind.STRING, where.line(), where.path());
    }

    private static Mapping map(TemplateValue where, String key, TemplateValue value) {
        return new Mapping(Map.of(key, value), value.line(), where.path());
    }

    private static Mapping mapping(TemplateValue value, String expected) {
        if (!(value instanceof Mapping m)) {
            throw TemplateProblem.expected(value, expected);
        }
        return m;
    }

    private static Mapping mappingOrEmpty(TemplateValue value, String expected) {
        if (value instanceof Scalar s && s.isNull()) {
            return Mapping.empty(s.line(), s.path());
        }
        return mapping(value, expected);
    }

    private static Map<String, TemplateValue> entries(TemplateValue value, String expected) {
        return mapping(value, expected).entries();
    }
}

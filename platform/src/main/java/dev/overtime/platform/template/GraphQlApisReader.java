package dev.overtime.platform.template;

import dev.overtime.platform.appsync.AuthMode;
import dev.overtime.platform.appsync.DataSource;
import dev.overtime.platform.appsync.GraphQlApiDefinition;
import dev.overtime.platform.appsync.GraphQlApiKey;
import dev.overtime.platform.appsync.GraphQlIds;
import dev.overtime.platform.appsync.PipelineFunction;
import dev.overtime.platform.appsync.ResolverCode;
import dev.overtime.platform.appsync.ResolverDefinition;
import dev.overtime.platform.template.ResolverCodeReader.WithoutCode;
import dev.overtime.platform.template.TemplateValue.Mapping;
import dev.overtime.platform.template.TemplateValue.Sequence;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the template's {@code AWS::AppSync::GraphQLApi}s with their {@code GraphQLSchema}, {@code ApiKey}s,
 * {@code DataSource}s, {@code FunctionConfiguration}s and {@code Resolver}s (SAM's GraphQL APIs already expanded into
 * these by {@link SamGraphQlApis}). Data sources of types other than {@code AWS_LAMBDA}, {@code NONE} and
 * {@code HTTP} are left out with a warning, and so are the functions and resolvers that use them. A data source's
 * {@code ServiceRoleArn} makes no difference locally.
 */
final class GraphQlApisReader {

    private static final int MAX_BATCH_SIZE = 2000;
    private static final Set<String> NOT_SERVED_DATA_SOURCES = Set.of("AMAZON_DYNAMODB", "AMAZON_ELASTICSEARCH",
            "AMAZON_OPENSEARCH_SERVICE", "RELATIONAL_DATABASE", "AMAZON_EVENTBRIDGE", "AMAZON_BEDROCK_RUNTIME");
    private static final String AUTH_TYPES = Arrays.stream(AuthMode.values()).map(Enum::name)
            .collect(Collectors.joining(", "));

    private final TemplateContext ctx;
    private final Map<String, TemplateResource> resources;
    private final ResolvedProperties properties;
    private final GraphQlReferences references;
    private final LocalTextFiles files;
    private final ResolverCodeReader code;
    private final FunctionTargets functionTargets;
    private final List<String> warnings;
    private final Map<String, Draft> draftsById = new LinkedHashMap<>();

    /** One API as its resources are read. */
    private static final class Draft {
        final TemplateResource api;
        final String id;
        final String name;
        final List<AuthMode> authModes;
        String schema;
        final List<GraphQlApiKey> keys = new ArrayList<>();
        final Map<String, DataSource> dataSources = new LinkedHashMap<>();
        final Set<String> leftOutDataSources = new HashSet<>();
        final Map<String, PipelineFunction> functions = new LinkedHashMap<>();
        final Set<String> leftOutFunctions = new HashSet<>();
        final Map<String, ResolverDefinition> resolvers = new LinkedHashMap<>();

        Draft(TemplateResource api, String id, String name, List<AuthMode> authModes) {
            this.api = api;
            this.id = id;
            this.name = name;
            this.authModes = authModes;
        }

        GraphQlApiDefinition build() {
            if (schema == null) {
                throw TemplateProblem.at(api.definition(), "expected an " + ResourceTypes.GRAPHQL_SCHEMA
                        + " with ApiId !GetAtt " + api.logicalId() + ".ApiId (or SchemaInline or SchemaUri), found none");
            }
            return new GraphQlApiDefinition(api.logicalId(), id, name, authModes, keys, schema,
                    List.copyOf(dataSources.values()), List.copyOf(resolvers.values()),
                    List.copyOf(functions.values()));
        }
    }

    /**
     * @param templateFolder where relative {@code ...S3Location} paths start
     * @param functionNames  the names of the template's functions, which Lambda data sources must name
     */
    GraphQlApisReader(TemplateContext ctx, IntrinsicResolver resolver, Map<String, TemplateResource> resources,
            Path templateFolder, Collection<String> functionNames, List<String> warnings) {
        this.ctx = ctx;
        this.resources = resources;
        this.properties = new ResolvedProperties(resolver);
        this.references = new GraphQlReferences(ctx, resources, resolver);
        this.files = new LocalTextFiles(templateFolder);
        this.code = new ResolverCodeReader(properties, files);
        this.functionTargets = new FunctionTargets(resolver, functionNames);
        this.warnings = warnings;
    }

    /** The APIs, in template order. */
    List<GraphQlApiDefinition> read() {
        ofType(ResourceTypes.GRAPHQL_API).forEach(this::api);
        ofType(ResourceTypes.GRAPHQL_SCHEMA).forEach(this::schema);
        ofType(ResourceTypes.APPSYNC_API_KEY).forEach(this::key);
        ofType(ResourceTypes.APPSYNC_DATA_SOURCE).forEach(this::dataSource);
        ofType(ResourceTypes.APPSYNC_FUNCTION).forEach(this::function);
        ofType(ResourceTypes.APPSYNC_RESOLVER).forEach(this::resolver);
        return draftsById.values().stream().map(Draft::build).toList();
    }

    private List<TemplateResource> ofType(String type) {
        return resources.values().stream().filter(r -> r.type().equals(type)).toList();
    }

    private void api(TemplateResource api) {
        Mapping p = api.properties();
        String id = GraphQlIds.apiId(ctx.stackName(), api.logicalId());
        String name = properties.requiredText(p, "Name", "the API's name");
        List<AuthMode> modes = new ArrayList<>();
        modes.add(authMode(p));
        properties.sequence(p, "AdditionalAuthenticationProviders", "a list of authentication providers")
                .ifPresent(providers -> providers.items().forEach(provider -> {
                    if (!(provider instanceof Mapping m)) {
                        throw TemplateProblem.expected(provider, "a map with an AuthenticationType");
                    }
                    modes.add(authMode(m));
                }));
        draftsById.put(id, new Draft(api, id, name, modes));
    }

    private AuthMode authMode(Mapping provider) {
        TemplateValue type = properties.value(provider, "AuthenticationType")
                .orElseThrow(() -> TemplateProblem.required(provider, "AuthenticationType", "one of " + AUTH_TYPES));
        String text = PropertyValues.text(type, "one of " + AUTH_TYPES);
        return Arrays.stream(AuthMode.values()).filter(m -> m.name().equals(text)).findFirst()
                .orElseThrow(() -> TemplateProblem.expected(type, "one of " + AUTH_TYPES));
    }

    /** The API a part of an API belongs to, by its {@code ApiId}. */
    private Draft apiOf(TemplateResource part) {
        TemplateValue written = part.properties().get("ApiId").orElseThrow(() -> TemplateProblem.required(
                part.properties(), "ApiId", "the API's id, such as !GetAtt Api.ApiId"));
        String apiId = references.apiIdOf(part);
        Draft draft = draftsById.get(apiId);
        if (draft == null) {
            String hint = draftsById.values().stream()
                    .filter(d -> GraphQlReferences.apiArn(ctx, d.id).equals(apiId)).findFirst()
                    .map(d -> "; that is the ARN (!Ref) of " + d.api.logicalId() + ", use !GetAtt "
                            + d.api.logicalId() + ".ApiId")
                    .orElse(", which is no AWS::AppSync::GraphQLApi of the template");
            throw TemplateProblem.at(written, "expected the id of a GraphQL API the template declares, such as "
                    + "!GetAtt Api.ApiId, found '" + apiId + "'" + hint);
        }
        return draft;
    }

    private void schema(TemplateResource schema) {
        Draft api = apiOf(schema);
        Mapping p = schema.properties();
        if (api.schema != null) {
            throw TemplateProblem.at(schema.definition(), "expected one " + ResourceTypes.GRAPHQL_SCHEMA
                    + " for API " + api.api.logicalId() + ", found a second one");
        }
        var inline = properties.value(p, "Definition");
        var file = properties.value(p, "DefinitionS3Location");
        if (inline.isPresent() && file.isPresent()) {
            throw TemplateProblem.at(file.get(), "expected either Definition or DefinitionS3Location, found both");
        }
        api.schema = inline.map(v -> PropertyValues.text(v, "the schema's SDL"))
                .or(() -> file.map(v -> files.read(v, "GraphQL schema")))
                .orElseThrow(() -> TemplateProblem.required(p, "Definition",
                        "the schema's SDL, or DefinitionS3Location naming a local file"));
    }

    private void key(TemplateResource key) {
        Draft api = apiOf(key);
        Mapping p = key.properties();
        String description = properties.text(p, "Description", "a description").orElse("");
        long expires = properties.integer(p, "Expires", 0, Long.MAX_VALUE / 1000, 0);
        api.keys.add(new GraphQlApiKey(SamGraphQlApis.samName(key).orElse(key.logicalId()),
                references.keyValue(key), description, expires));
    }

    private void dataSource(TemplateResource resource) {
        Draft api = apiOf(resource);
        Mapping p = resource.properties();
        String name = properties.requiredText(p, "Name", "a data source name");
        TemplateValue typeValue = properties.value(p, "Type").orElseThrow(() ->
                TemplateProblem.required(p, "Type", "AWS_LAMBDA, NONE or HTTP"));
        String type = PropertyValues.text(typeValue, "AWS_LAMBDA, NONE or HTTP");
        if (api.dataSources.containsKey(name) || api.leftOutDataSources.contains(name)) {
            throw TemplateProblem.at(p.get("Name").orElse(p), "expected a data source name unique in API "
                    + api.api.logicalId() + ", found '" + name + "' twice");
        }
        DataSource dataSource = switch (type) {
            case "AWS_LAMBDA" -> lambda(name, p);
            case "NONE" -> new DataSource.None(name);
            case "HTTP" -> {
                Mapping http = properties.mapping(p, "HttpConfig", "a map with an Endpoint")
                        .orElseThrow(() -> TemplateProblem.required(p, "HttpConfig", "a map with an Endpoint"));
                yield new DataSource.Http(name, properties.requiredText(http, "Endpoint",
                        "an endpoint such as https://example.com"));
            }
            default -> {
                if (!NOT_SERVED_DATA_SOURCES.contains(type)) {
                    throw TemplateProblem.expected(typeValue, "a data source type: AWS_LAMBDA, NONE, HTTP or "
                            + String.join(", ", NOT_SERVED_DATA_SOURCES.stream().sorted().toList()));
                }
                warnings.add(resource.logicalId() + ": " + type + " data sources are not served yet; the functions"
                        + " and resolvers of API " + api.api.logicalId() + " that use '" + name + "' are left out");
                api.leftOutDataSources.add(name);
                yield null;
            }
        };
        if (dataSource != null) {
            api.dataSources.put(name, dataSource);
        }
    }

    private DataSource lambda(String name, Mapping p) {
        String expected = "a map with LambdaFunctionArn";
        Mapping config = properties.mapping(p, "LambdaConfig", expected)
                .orElseThrow(() -> TemplateProblem.required(p, "LambdaConfig", expected));
        TemplateValue arn = config.get("LambdaFunctionArn").orElseThrow(() ->
                TemplateProblem.required(config, "LambdaFunctionArn", VersionArns.FUNCTION_EXPECTED));
        QualifiedFunction function = functionTargets.find(arn);
        if (function.qualifier() != null && !Qualifiers.isQualifier(function.qualifier())) {
            throw TemplateProblem.at(arn, "expected a function ARN with an alias or a version after its name, found '"
                    + function.qualifier() + "' after it");
        }
        return new DataSource.Lambda(name, function.name(), function.qualifier());
    }

    private void function(TemplateResource resource) {
        Draft api = apiOf(resource);
        Mapping p = resource.properties();
        String id = GraphQlIds.functionId(ctx.stackName(), resource.logicalId());
        String name = properties.requiredText(p, "Name", "a function name");
        String dataSourceName = properties.requiredText(p, "DataSourceName", "the name of a data source");
        if (api.leftOutDataSources.contains(dataSourceName)) {
            api.leftOutFunctions.add(id);
            return;
        }
        DataSource dataSource = dataSourceOf(api, p, dataSourceName);
        ResolverCode functionCode = code.read(p,
                dataSource instanceof DataSource.Lambda ? WithoutCode.DIRECT : WithoutCode.REFUSED);
        api.functions.put(id, new PipelineFunction(id, name, dataSourceName, functionCode, maxBatchSize(p)));
    }

    private void resolver(TemplateResource resource) {
        Draft api = apiOf(resource);
        Mapping p = resource.properties();
        String typeName = properties.requiredText(p, "TypeName", "a type name such as Mutation");
        String fieldName = properties.requiredText(p, "FieldName", "a field name");
        String kind = properties.text(p, "Kind", "UNIT or PIPELINE").orElse("UNIT");
        ResolverDefinition definition = switch (kind) {
            case "UNIT" -> unit(api, p, typeName, fieldName);
            case "PIPELINE" -> pipeline(api, p, typeName, fieldName);
            default -> throw TemplateProblem.expected(properties.value(p, "Kind").orElseThrow(), "UNIT or PIPELINE");
        };
        if (definition == null) {
            warnings.add(resource.logicalId() + ": the resolver of " + typeName + "." + fieldName
                    + " uses a data source that is not served yet; it is left out");
            return;
        }
        String field = typeName + "." + fieldName;
        if (api.resolvers.putIfAbsent(field, definition) != null) {
            throw TemplateProblem.at(resource.definition(), "expected one resolver for " + field + " in API "
                    + api.api.logicalId() + ", found a second one");
        }
    }

    private ResolverDefinition unit(Draft api, Mapping p, String typeName, String fieldName) {
        String dataSourceName = properties.requiredText(p, "DataSourceName",
                "the name of a data source (a UNIT resolver needs one)");
        if (api.leftOutDataSources.contains(dataSourceName)) {
            return null;
        }
        DataSource dataSource = dataSourceOf(api, p, dataSourceName);
        ResolverCode resolverCode = code.read(p,
                dataSource instanceof DataSource.Lambda ? WithoutCode.DIRECT : WithoutCode.REFUSED);
        return new ResolverDefinition(typeName, fieldName, dataSourceName, List.of(), resolverCode, maxBatchSize(p));
    }

    private ResolverDefinition pipeline(Draft api, Mapping p, String typeName, String fieldName) {
        String expected = "a map with Functions, the ids of the pipeline's functions";
        Mapping config = properties.mapping(p, "PipelineConfig", expected)
                .orElseThrow(() -> TemplateProblem.required(p, "PipelineConfig", expected));
        Sequence functions = properties.sequence(config, "Functions", "a list of function ids")
                .orElseThrow(() -> TemplateProblem.required(config, "Functions",
                        "a list of function ids, such as !GetAtt Fn.FunctionId"));
        if (functions.items().isEmpty()) {
            throw TemplateProblem.at(functions, "expected at least one function id, found none");
        }
        List<String> ids = new ArrayList<>();
        for (TemplateValue item : functions.items()) {
            String id = PropertyValues.text(item, "a function id such as !GetAtt Fn.FunctionId");
            if (api.leftOutFunctions.contains(id)) {
                return null;
            }
            if (!api.functions.containsKey(id)) {
                throw TemplateProblem.at(item, "expected the FunctionId of an AWS::AppSync::FunctionConfiguration"
                        + " of API " + api.api.logicalId() + ", found '" + id + "', which is none of them");
            }
            ids.add(id);
        }
        return new ResolverDefinition(typeName, fieldName, null, ids, code.read(p, WithoutCode.NO_STEPS),
                maxBatchSize(p));
    }

    private DataSource dataSourceOf(Draft api, Mapping p, String dataSourceName) {
        DataSource dataSource = api.dataSources.get(dataSourceName);
        if (dataSource == null) {
            throw TemplateProblem.at(p.get("DataSourceName").orElse(p), "expected the name of a data source of API "
                    + api.api.logicalId() + " (" + String.join(", ", api.dataSources.keySet()) + "), found '"
                    + dataSourceName + "'");
        }
        return dataSource;
    }

    private int maxBatchSize(Mapping p) {
        return (int) properties.integer(p, "MaxBatchSize", 0, MAX_BATCH_SIZE, 0);
    }
}

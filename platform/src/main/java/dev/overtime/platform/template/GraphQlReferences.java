package dev.overtime.platform.template;

import dev.overtime.platform.appsync.GraphQlIds;
import dev.overtime.platform.appsync.GraphQlUrlTokens;
import dev.overtime.platform.template.TemplateValue.Intrinsic;
import dev.overtime.platform.template.TemplateValue.Mapping;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What references to AppSync resources and IAM roles stand for, as CloudFormation gives them:
 * <ul>
 *   <li>{@code AWS::AppSync::GraphQLApi}: {@code Ref} gives its ARN; {@code ApiId}, {@code Arn}, and
 *       {@code GraphQLUrl}, {@code RealtimeUrl}, {@code GraphQLDns}, {@code RealtimeDns} as
 *       {@link GraphQlUrlTokens tokens}, since the API's port is bound only at start;</li>
 *   <li>{@code AWS::AppSync::ApiKey}: {@code Ref} and {@code Arn} its ARN, {@code ApiKey} and {@code ApiKeyId} the
 *       key;</li>
 *   <li>{@code AWS::AppSync::DataSource}: {@code Ref} and {@code DataSourceArn} its ARN, {@code Name};</li>
 *   <li>{@code AWS::AppSync::FunctionConfiguration}: {@code Ref} and {@code FunctionArn} its ARN,
 *       {@code FunctionId}, {@code Name}, {@code DataSourceName};</li>
 *   <li>{@code AWS::AppSync::Resolver}: {@code Ref} and {@code ResolverArn}, {@code TypeName}, {@code FieldName};</li>
 *   <li>{@code AWS::IAM::Role}, which Overtime otherwise ignores: {@code Ref} its name ({@code RoleName}, else the
 *       logical id), {@code Arn} {@code arn:aws:iam::ACCOUNT:role/NAME}.</li>
 * </ul>
 * SAM's GraphQL APIs are expanded into these resources first ({@link SamGraphQlApis}), so references to the
 * resources SAM generates resolve too.
 */
final class GraphQlReferences {

    private final TemplateContext ctx;
    private final Map<String, TemplateResource> resources;
    private final IntrinsicResolver resolver;
    private final Set<String> inProgress = new LinkedHashSet<>();

    GraphQlReferences(TemplateContext ctx, Map<String, TemplateResource> resources, IntrinsicResolver resolver) {
        this.ctx = ctx;
        this.resources = resources;
        this.resolver = resolver;
    }

    /** The ARN of the API whose id is {@code apiId}. */
    static String apiArn(TemplateContext ctx, String apiId) {
        return "arn:aws:appsync:" + ctx.region() + ":" + ctx.accountId() + ":apis/" + apiId;
    }

    /** What {@code Ref name} stands for when it names an AppSync resource or a role; empty for any other name. */
    Optional<String> ref(Intrinsic where, String name) {
        TemplateResource resource = resources.get(name);
        if (resource == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (resource.type()) {
            case ResourceTypes.GRAPHQL_API -> apiArn(ctx, apiId(name));
            case ResourceTypes.GRAPHQL_SCHEMA -> apiIdOf(resource) + "GraphQLSchema";
            case ResourceTypes.APPSYNC_API_KEY -> keyArn(resource);
            case ResourceTypes.APPSYNC_DATA_SOURCE -> dataSourceArn(resource);
            case ResourceTypes.APPSYNC_FUNCTION -> functionArn(resource);
            case ResourceTypes.APPSYNC_RESOLVER -> resolverArn(resource);
            case ResourceTypes.IAM_ROLE -> roleName(resource);
            default -> null;
        });
    }

    /** What {@code !GetAtt logicalId.attribute} stands for when the id names an AppSync resource or a role. */
    Optional<String> attribute(Intrinsic where, String logicalId, String attribute) {
        TemplateResource resource = resources.get(logicalId);
        if (resource == null) {
            return Optional.empty();
        }
        String type = resource.type();
        if (!ResourceTypes.isAppSync(type) && !type.equals(ResourceTypes.IAM_ROLE)) {
            return Optional.empty();
        }
        String value = switch (type) {
            case ResourceTypes.GRAPHQL_API -> apiAttribute(logicalId, attribute);
            case ResourceTypes.APPSYNC_API_KEY -> switch (attribute) {
                case "ApiKey", "ApiKeyId" -> keyValue(resource);
                case "Arn" -> keyArn(resource);
                default -> null;
            };
            case ResourceTypes.APPSYNC_DATA_SOURCE -> switch (attribute) {
                case "Name" -> requiredText(resource, "Name", "a data source name");
                case "DataSourceArn" -> dataSourceArn(resource);
                default -> null;
            };
            case ResourceTypes.APPSYNC_FUNCTION -> switch (attribute) {
                case "FunctionId" -> GraphQlIds.functionId(ctx.stackName(), logicalId);
                case "FunctionArn" -> functionArn(resource);
                case "Name" -> requiredText(resource, "Name", "a function name");
                case "DataSourceName" -> requiredText(resource, "DataSourceName", "a data source name");
                default -> null;
            };
            case ResourceTypes.APPSYNC_RESOLVER -> switch (attribute) {
                case "ResolverArn" -> resolverArn(resource);
                case "TypeName" -> requiredText(resource, "TypeName", "a type name");
                case "FieldName" -> requiredText(resource, "FieldName", "a field name");
                default -> null;
            };
            case ResourceTypes.IAM_ROLE -> switch (attribute) {
                case "Arn" -> "arn:aws:iam::" + ctx.accountId() + ":role/" + roleName(resource);
                case "RoleId" -> "AROA" + GraphQlIds.functionId(ctx.stackName(), logicalId).toUpperCase();
                default -> null;
            };
            default -> null;
        };
        if (value == null) {
            throw TemplateProblem.at(where, "expected " + attributesOf(type) + " of " + type + " '" + logicalId
                    + "', found '" + attribute + "', which Overtime does not resolve");
        }
        return Optional.of(value);
    }

    private String apiAttribute(String logicalId, String attribute) {
        String id = apiId(logicalId);
        return switch (attribute) {
            case "ApiId" -> id;
            case "Arn" -> apiArn(ctx, id);
            case "GraphQLUrl" -> GraphQlUrlTokens.graphQlUrl(id);
            case "RealtimeUrl" -> GraphQlUrlTokens.realtimeUrl(id);
            case "GraphQLDns" -> GraphQlUrlTokens.graphQlDns(id);
            case "RealtimeDns" -> GraphQlUrlTokens.realtimeDns(id);
            default -> null;
        };
    }

    private static String attributesOf(String type) {
        return switch (type) {
            case ResourceTypes.GRAPHQL_API -> "ApiId, Arn, GraphQLUrl, RealtimeUrl, GraphQLDns or RealtimeDns";
            case ResourceTypes.APPSYNC_API_KEY -> "ApiKey, ApiKeyId or Arn";
            case ResourceTypes.APPSYNC_DATA_SOURCE -> "Name or DataSourceArn";
            case ResourceTypes.APPSYNC_FUNCTION -> "FunctionId, FunctionArn, Name or DataSourceName";
            case ResourceTypes.APPSYNC_RESOLVER -> "ResolverArn, TypeName or FieldName";
            case ResourceTypes.IAM_ROLE -> "Arn or RoleId";
            default -> "no attribute";
        };
    }

    private String apiId(String apiLogicalId) {
        return GraphQlIds.apiId(ctx.stackName(), apiLogicalId);
    }

    /** The value of an API key: its {@code ApiKeyId} when it sets one, else one derived from stack, API and key. */
    String keyValue(TemplateResource key) {
        Optional<String> declared = optionalText(key, "ApiKeyId", "an API key id");
        return declared.orElseGet(() -> GraphQlIds.apiKey(ctx.stackName(), apiIdOf(key), key.logicalId()));
    }

    private String keyArn(TemplateResource key) {
        return apiArn(ctx, apiIdOf(key)) + "/apikey/" + keyValue(key);
    }

    private String dataSourceArn(TemplateResource dataSource) {
        return apiArn(ctx, apiIdOf(dataSource)) + "/datasources/"
                + requiredText(dataSource, "Name", "a data source name");
    }

    private String functionArn(TemplateResource function) {
        return apiArn(ctx, apiIdOf(function)) + "/functions/"
                + GraphQlIds.functionId(ctx.stackName(), function.logicalId());
    }

    private String resolverArn(TemplateResource resolverResource) {
        return apiArn(ctx, apiIdOf(resolverResource)) + "/types/"
                + requiredText(resolverResource, "TypeName", "a type name") + "/resolvers/"
                + requiredText(resolverResource, "FieldName", "a field name");
    }

    private String roleName(TemplateResource role) {
        return optionalText(role, "RoleName", "a role name").orElse(role.logicalId());
    }

    /** The resolved {@code ApiId} of a part of an API, as written (checked against the APIs when the API is read). */
    String apiIdOf(TemplateResource part) {
        return requiredText(part, "ApiId", "the API's id, such as !GetAtt Api.ApiId");
    }

    private String requiredText(TemplateResource resource, String key, String expected) {
        Mapping properties = resource.properties();
        return optionalText(resource, key, expected)
                .orElseThrow(() -> TemplateProblem.required(properties, key, expected));
    }

    private Optional<String> optionalText(TemplateResource resource, String key, String expected) {
        Optional<TemplateValue> written = resource.properties().get(key);
        if (written.isEmpty()) {
            return Optional.empty();
        }
        String property = resource.logicalId() + "." + key;
        if (!inProgress.add(property)) {
            throw TemplateProblem.at(written.get(), "expected a value that does not depend on itself, found the cycle "
                    + String.join(" -> ", inProgress) + " -> " + property);
        }
        try {
            return resolver.resolve(written.get()).map(value -> PropertyValues.text(value, expected));
        } finally {
            inProgress.remove(property);
        }
    }
}

package dev.overtime.platform.appsync;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One GraphQL API as a template declares it ({@code AWS::AppSync::GraphQLApi} and its resources, or
 * {@code AWS::Serverless::GraphQLApi}).
 *
 * @param logicalId  the template's logical id of the API
 * @param id         AppSync's id: 26 lowercase letters and digits, stable for the stack and logical id
 * @param name       the API's {@code Name}
 * @param authModes  the default authorization mode first, then the additional providers
 * @param apiKeys    the API's keys
 * @param schema     the schema's SDL as written (AppSync's directives and scalars are declared by the engine)
 * @param dataSources its data sources
 * @param resolvers  its resolvers, one per type and field
 * @param functions  its pipeline functions
 */
public record GraphQlApiDefinition(String logicalId, String id, String name, List<AuthMode> authModes,
                                   List<GraphQlApiKey> apiKeys, String schema, List<DataSource> dataSources,
                                   List<ResolverDefinition> resolvers, List<PipelineFunction> functions) {

    public GraphQlApiDefinition {
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schema, "schema");
        authModes = List.copyOf(authModes);
        if (authModes.isEmpty()) {
            throw new IllegalArgumentException("a GraphQL API needs an authentication type");
        }
        apiKeys = List.copyOf(apiKeys);
        dataSources = List.copyOf(dataSources);
        resolvers = List.copyOf(resolvers);
        functions = List.copyOf(functions);
    }

    public AuthMode defaultAuth() {
        return authModes.getFirst();
    }

    public Optional<DataSource> dataSource(String dataSourceName) {
        return dataSources.stream().filter(d -> d.name().equals(dataSourceName)).findFirst();
    }

    public Optional<PipelineFunction> function(String functionId) {
        return functions.stream().filter(f -> f.id().equals(functionId)).findFirst();
    }
}

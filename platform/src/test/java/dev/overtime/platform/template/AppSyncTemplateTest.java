package dev.overtime.platform.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.overtime.platform.appsync.AuthMode;
import dev.overtime.platform.appsync.DataSource;
import dev.overtime.platform.appsync.GraphQlApiDefinition;
import dev.overtime.platform.appsync.GraphQlApiKey;
import dev.overtime.platform.appsync.GraphQlUrlTokens;
import dev.overtime.platform.appsync.PipelineFunction;
import dev.overtime.platform.appsync.ResolverCode;
import dev.overtime.platform.appsync.ResolverDefinition;
import dev.overtime.platform.function.FunctionDefinition;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CloudFormation's AWS::AppSync resources read into GraphQL APIs, and references to them. */
class AppSyncTemplateTest {

    @TempDir
    Path dir;

    private TemplateFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new TemplateFixture(dir);
    }

    /** Hello with the given environment variables, then the chat API's resources, then {@code more}. */
    private static String chat(String environment, String more) {
        return TemplateFixture.samHello("AutoPublishAlias: live\nEnvironment:\n  Variables:\n"
                + environment.indent(4), """
                Role:
                  Type: AWS::IAM::Role
                  Properties:
                    AssumeRolePolicyDocument: {Version: '2012-10-17'}
                ChatApi:
                  Type: AWS::AppSync::GraphQLApi
                  Properties:
                    Name: chat
                    AuthenticationType: API_KEY
                    AdditionalAuthenticationProviders:
                      - AuthenticationType: AWS_IAM
                ChatSchema:
                  Type: AWS::AppSync::GraphQLSchema
                  Properties:
                    ApiId: !GetAtt ChatApi.ApiId
                    Definition: |
                      type Query { hello: String }
                ChatKey:
                  Type: AWS::AppSync::ApiKey
                  Properties:
                    ApiId: !GetAtt ChatApi.ApiId
                    Description: for the page
                    Expires: 1900000000
                HelloSource:
                  Type: AWS::AppSync::DataSource
                  DependsOn: ChatSchema
                  Properties:
                    ApiId: !GetAtt ChatApi.ApiId
                    Name: hello
                    Type: AWS_LAMBDA
                    ServiceRoleArn: !GetAtt Role.Arn
                    LambdaConfig:
                      LambdaFunctionArn: !GetAtt Hello.Arn
                LiveSource:
                  Type: AWS::AppSync::DataSource
                  Properties:
                    ApiId: !GetAtt ChatApi.ApiId
                    Name: live
                    Type: AWS_LAMBDA
                    LambdaConfig:
                      LambdaFunctionArn: !Ref Hello.Alias
                PublishSource:
                  Type: AWS::AppSync::DataSource
                  Properties:
                    ApiId: !GetAtt ChatApi.ApiId
                    Name: publish
                    Type: NONE
                Web:
                  Type: AWS::AppSync::DataSource
                  Properties:
                    ApiId: !GetAtt ChatApi.ApiId
                    Name: web
                    Type: HTTP
                    HttpConfig: {Endpoint: "https://example.com"}
                AskFunction:
                  Type: AWS::AppSync::FunctionConfiguration
                  Properties:
                    ApiId: !GetAtt ChatApi.ApiId
                    Name: ask
                    DataSourceName: !GetAtt HelloSource.Name
                    Runtime: {Name: APPSYNC_JS, RuntimeVersion: 1.0.0}
                    Code: "export function request(ctx) { return {operation: 'Invoke', invocationType: 'Event'}; }"
                    MaxBatchSize: 5
                AskResolver:
                  Type: AWS::AppSync::Resolver
                  Properties:
                    ApiId: !GetAtt ChatApi.ApiId
                    TypeName: Mutation
                    FieldName: ask
                    Kind: PIPELINE
                    PipelineConfig:
                      Functions: [!GetAtt AskFunction.FunctionId]
                DirectResolver:
                  Type: AWS::AppSync::Resolver
                  Properties:
                    ApiId: !GetAtt ChatApi.ApiId
                    TypeName: Query
                    FieldName: hello
                    DataSourceName: live
                PublishResolver:
                  Type: AWS::AppSync::Resolver
                  Properties:
                    ApiId: !GetAtt ChatApi.ApiId
                    TypeName: Mutation
                    FieldName: publish
                    DataSourceName: publish
                    RequestMappingTemplate: '{"version": "2018-05-29", "payload": $util.toJson($ctx.args)}'
                    ResponseMappingTemplate: $util.toJson($ctx.result)
                """ + more);
    }

    @Test
    void load_withAppSyncResources_readsTheApiWithItsKeysDataSourcesFunctionsAndResolvers() {
        LoadedTemplate loaded = fixture.load(chat("XX: x", ""));

        GraphQlApiDefinition api = loaded.graphQlApi("ChatApi").orElseThrow();
        assertThat(api.id()).matches("[a-z0-9]{26}");
        assertThat(api.name()).isEqualTo("chat");
        assertThat(api.authModes()).containsExactly(AuthMode.API_KEY, AuthMode.AWS_IAM);
        assertThat(api.schema()).isEqualTo("type Query { hello: String }\n");
        assertThat(api.apiKeys()).singleElement().satisfies(key -> {
            assertThat(key.logicalId()).isEqualTo("ChatKey");
            assertThat(key.id()).matches("da2-[a-z0-9]{26}");
            assertThat(key.description()).isEqualTo("for the page");
            assertThat(key.expiresEpochSeconds()).isEqualTo(1_900_000_000L);
        });
        assertThat(api.dataSources()).containsExactly(
                new DataSource.Lambda("hello", "Hello", "$LATEST"),
                new DataSource.Lambda("live", "Hello", "live"),
                new DataSource.None("publish"),
                new DataSource.Http("web", "https://example.com"));
        PipelineFunction ask = api.functions().getFirst();
        assertThat(ask.id()).matches("[a-z0-9]{26}");
        assertThat(ask).extracting(PipelineFunction::name, PipelineFunction::dataSource, PipelineFunction::maxBatchSize)
                .containsExactly("ask", "hello", 5);
        assertThat(ask.code()).isEqualTo(new ResolverCode.Js(
                "export function request(ctx) { return {operation: 'Invoke', invocationType: 'Event'}; }"));
        assertThat(api.resolvers()).extracting(ResolverDefinition::typeName, ResolverDefinition::fieldName,
                        ResolverDefinition::dataSource, ResolverDefinition::functionIds, ResolverDefinition::code)
                .containsExactly(
                        tuple("Mutation", "ask", null, java.util.List.of(ask.id()), new ResolverCode.Vtl(null, null)),
                        tuple("Query", "hello", "live", java.util.List.of(), new ResolverCode.Direct()),
                        tuple("Mutation", "publish", "publish", java.util.List.of(), new ResolverCode.Vtl(
                                "{\"version\": \"2018-05-29\", \"payload\": $util.toJson($ctx.args)}",
                                "$util.toJson($ctx.result)")));
        assertThat(loaded.notYetServed()).isEmpty();
        assertThat(loaded.warnings()).isEmpty();
    }

    @Test
    void load_withReferencesToAppSyncResources_givesTheirLocalValues() {
        LoadedTemplate loaded = fixture.load(chat("""
                URL: !GetAtt ChatApi.GraphQLUrl
                REALTIME: !GetAtt ChatApi.RealtimeUrl
                DNS: !GetAtt ChatApi.GraphQLDns
                REALTIME_DNS: !GetAtt ChatApi.RealtimeDns
                API_ID: !GetAtt ChatApi.ApiId
                API_ARN: !GetAtt ChatApi.Arn
                API_REF: !Ref ChatApi
                KEY: !GetAtt ChatKey.ApiKey
                KEY_ARN: !GetAtt ChatKey.Arn
                SOURCE: !GetAtt PublishSource.Name
                SOURCE_ARN: !GetAtt PublishSource.DataSourceArn
                FUNCTION_ID: !GetAtt AskFunction.FunctionId
                FUNCTION_ARN: !GetAtt AskFunction.FunctionArn
                ROLE_ARN: !GetAtt Role.Arn
                ROLE: !Ref Role
                SUB: !Sub "${ChatApi.GraphQLUrl}?key=${ChatKey.ApiKey}"
                """, ""));

        GraphQlApiDefinition api = loaded.graphQlApi("ChatApi").orElseThrow();
        String arn = "arn:aws:appsync:us-east-1:123456789012:apis/" + api.id();
        String key = api.apiKeys().getFirst().id();
        assertThat(loaded.function("Hello").orElseThrow().environment()).containsExactly(
                Map.entry("URL", GraphQlUrlTokens.graphQlUrl(api.id())),
                Map.entry("REALTIME", GraphQlUrlTokens.realtimeUrl(api.id())),
                Map.entry("DNS", GraphQlUrlTokens.graphQlDns(api.id())),
                Map.entry("REALTIME_DNS", GraphQlUrlTokens.realtimeDns(api.id())),
                Map.entry("API_ID", api.id()),
                Map.entry("API_ARN", arn),
                Map.entry("API_REF", arn),
                Map.entry("KEY", key),
                Map.entry("KEY_ARN", arn + "/apikey/" + key),
                Map.entry("SOURCE", "publish"),
                Map.entry("SOURCE_ARN", arn + "/datasources/publish"),
                Map.entry("FUNCTION_ID", api.functions().getFirst().id()),
                Map.entry("FUNCTION_ARN", arn + "/functions/" + api.functions().getFirst().id()),
                Map.entry("ROLE_ARN", "arn:aws:iam::123456789012:role/Role"),
                Map.entry("ROLE", "Role"),
                Map.entry("SUB", GraphQlUrlTokens.graphQlUrl(api.id()) + "?key=" + key));
    }

    @Test
    void replaceIn_withTheApiBound_putsItsUrlsAndHostsIntoTheEnvironment() {
        LoadedTemplate loaded = fixture.load(chat("""
                URL: !GetAtt ChatApi.GraphQLUrl
                REALTIME: !GetAtt ChatApi.RealtimeUrl
                DNS: !GetAtt ChatApi.GraphQLDns
                REALTIME_DNS: !GetAtt ChatApi.RealtimeDns
                PLAIN: unchanged
                """, ""));
        String id = loaded.graphQlApi("ChatApi").orElseThrow().id();

        FunctionDefinition replaced = GraphQlUrlTokens.replaceIn(loaded.function("Hello").orElseThrow(),
                apiId -> apiId.equals(id) ? "http://localhost:4010/graphql" : null,
                apiId -> apiId.equals(id) ? "ws://localhost:4010/graphql/realtime" : null);

        assertThat(replaced.environment()).containsExactly(
                Map.entry("URL", "http://localhost:4010/graphql"),
                Map.entry("REALTIME", "ws://localhost:4010/graphql/realtime"),
                Map.entry("DNS", "localhost:4010"),
                Map.entry("REALTIME_DNS", "localhost:4010"),
                Map.entry("PLAIN", "unchanged"));
        assertThat(GraphQlUrlTokens.contains(replaced.environment().get("URL"))).isFalse();
    }

    @Test
    void load_twice_givesTheSameIdsAndKeys() {
        GraphQlApiDefinition first = fixture.load(chat("XX: x", "")).graphQlApi("ChatApi").orElseThrow();
        GraphQlApiDefinition second = fixture.load(chat("XX: x", "")).graphQlApi("ChatApi").orElseThrow();

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.apiKeys()).extracting(GraphQlApiKey::id)
                .containsExactlyElementsOf(first.apiKeys().stream().map(GraphQlApiKey::id).toList());
        assertThat(second.functions()).extracting(PipelineFunction::id)
                .containsExactlyElementsOf(first.functions().stream().map(PipelineFunction::id).toList());
    }

    @Test
    void load_withLocalFiles_readsSchemaCodeAndTemplatesFromThem() {
        fixture.file("graphql/schema.graphql", "type Query { fromFile: String }");
        fixture.file("graphql/ask.js", "export function request(ctx) { return {}; }");
        fixture.file("graphql/request.vtl", "{\"payload\": {}}");
        LoadedTemplate loaded = fixture.load(TemplateFixture.samHello("", """
                Api:
                  Type: AWS::AppSync::GraphQLApi
                  Properties: {Name: files, AuthenticationType: AWS_IAM}
                Schema:
                  Type: AWS::AppSync::GraphQLSchema
                  Properties: {ApiId: !GetAtt Api.ApiId, DefinitionS3Location: graphql/schema.graphql}
                Source:
                  Type: AWS::AppSync::DataSource
                  Properties: {ApiId: !GetAtt Api.ApiId, Name: none, Type: NONE}
                Ask:
                  Type: AWS::AppSync::Resolver
                  Properties:
                    ApiId: !GetAtt Api.ApiId
                    TypeName: Query
                    FieldName: fromFile
                    DataSourceName: none
                    Runtime: {Name: APPSYNC_JS, RuntimeVersion: 1.0.0}
                    CodeS3Location: ./graphql/ask.js
                Vtl:
                  Type: AWS::AppSync::Resolver
                  Properties:
                    ApiId: !GetAtt Api.ApiId
                    TypeName: Query
                    FieldName: vtl
                    DataSourceName: none
                    RequestMappingTemplateS3Location: graphql/request.vtl
                """));

        GraphQlApiDefinition api = loaded.graphQlApi("Api").orElseThrow();
        assertThat(api.schema()).isEqualTo("type Query { fromFile: String }");
        assertThat(api.resolvers()).extracting(ResolverDefinition::code).containsExactly(
                new ResolverCode.Js("export function request(ctx) { return {}; }"),
                new ResolverCode.Vtl("{\"payload\": {}}", null));
    }

    @Test
    void load_withADynamoDbDataSource_warnsAndLeavesOutWhatUsesIt() {
        LoadedTemplate loaded = fixture.load(chat("XX: x", """
                Table:
                  Type: AWS::AppSync::DataSource
                  Properties: {ApiId: !GetAtt ChatApi.ApiId, Name: table, Type: AMAZON_DYNAMODB}
                TableResolver:
                  Type: AWS::AppSync::Resolver
                  Properties: {ApiId: !GetAtt ChatApi.ApiId, TypeName: Query, FieldName: items, DataSourceName: table}
                """));

        GraphQlApiDefinition api = loaded.graphQlApi("ChatApi").orElseThrow();
        assertThat(api.dataSource("table")).isEmpty();
        assertThat(api.resolvers()).extracting(ResolverDefinition::fieldName).doesNotContain("items");
        assertThat(loaded.warnings()).containsExactly(
                "Table: AMAZON_DYNAMODB data sources are not served yet; the functions and resolvers of API ChatApi"
                        + " that use 'table' are left out",
                "TableResolver: the resolver of Query.items uses a data source that is not served yet; it is left out");
    }

    @Test
    void load_whenAResolverNamesAMissingDataSource_failsAtTheName() {
        String template = chat("XX: x", """
                Broken:
                  Type: AWS::AppSync::Resolver
                  Properties:
                    ApiId: !GetAtt ChatApi.ApiId
                    TypeName: Query
                    FieldName: broken
                    DataSourceName: missing
                """);

        fixture.assertProblem(fixture.loadFails(template), lineOf(template, "DataSourceName: missing"),
                "Resources.Broken.Properties.DataSourceName", "found 'missing'", "hello, live, publish, web");
    }

    @Test
    void load_whenAPipelineNamesAMissingFunction_failsAtItsId() {
        String template = chat("XX: x", """
                Broken:
                  Type: AWS::AppSync::Resolver
                  Properties:
                    ApiId: !GetAtt ChatApi.ApiId
                    TypeName: Query
                    FieldName: broken
                    Kind: PIPELINE
                    PipelineConfig: {Functions: [not-an-id]}
                """);

        fixture.assertProblem(fixture.loadFails(template), lineOf(template, "[not-an-id]"),
                "Resources.Broken.Properties.PipelineConfig.Functions[0]", "found 'not-an-id'");
    }

    @Test
    void load_whenTheApiHasNoSchema_failsAtTheApi() {
        String template = TemplateFixture.samHello("", """
                Api:
                  Type: AWS::AppSync::GraphQLApi
                  Properties: {Name: none, AuthenticationType: API_KEY}
                """);

        fixture.assertProblem(fixture.loadFails(template), lineOf(template, "  Api:"), "Resources.Api",
                "expected an AWS::AppSync::GraphQLSchema");
    }

    @Test
    void load_whenTheSchemaFileIsMissing_failsAtTheLocation() {
        String template = TemplateFixture.samHello("", """
                Api:
                  Type: AWS::AppSync::GraphQLApi
                  Properties: {Name: none, AuthenticationType: API_KEY}
                Schema:
                  Type: AWS::AppSync::GraphQLSchema
                  Properties:
                    ApiId: !GetAtt Api.ApiId
                    DefinitionS3Location: missing.graphql
                """);

        fixture.assertProblem(fixture.loadFails(template), lineOf(template, "DefinitionS3Location"),
                "Resources.Schema.Properties.DefinitionS3Location", "found 'missing.graphql'", "does not exist");
    }

    @Test
    void load_withAnUnknownRuntime_failsAtItsName() {
        String template = chat("XX: x", """
                Broken:
                  Type: AWS::AppSync::Resolver
                  Properties:
                    ApiId: !GetAtt ChatApi.ApiId
                    TypeName: Query
                    FieldName: broken
                    DataSourceName: publish
                    Runtime: {Name: APPSYNC_PY, RuntimeVersion: 1.0.0}
                    Code: x
                """);

        fixture.assertProblem(fixture.loadFails(template), lineOf(template, "APPSYNC_PY"),
                "Resources.Broken.Properties.Runtime.Name", "expected the runtime APPSYNC_JS, found 'APPSYNC_PY'");
    }

    @Test
    void load_whenApiIdIsTheApisArn_saysToUseGetAttApiId() {
        String template = chat("XX: x", """
                Other:
                  Type: AWS::AppSync::DataSource
                  Properties: {ApiId: !Ref ChatApi, Name: other, Type: NONE}
                """);

        fixture.assertProblem(fixture.loadFails(template), lineOf(template, "Name: other"),
                "Resources.Other.Properties.ApiId", "use !GetAtt ChatApi.ApiId");
    }

    @Test
    void load_withAnUnknownAttribute_namesTheOnesItResolves() {
        String template = chat("XX: !GetAtt ChatApi.GraphQLEndpointArn", "");

        fixture.assertProblem(fixture.loadFails(template), lineOf(template, "GraphQLEndpointArn"),
                "Resources.Hello.Properties.Environment.Variables.XX", "GraphQLUrl, RealtimeUrl",
                "found 'GraphQLEndpointArn'");
    }

    @Test
    void load_whenANoneDataSourceResolverHasNoRequest_failsAtTheResolver() {
        String template = chat("XX: x", """
                Broken:
                  Type: AWS::AppSync::Resolver
                  Properties:
                    ApiId: !GetAtt ChatApi.ApiId
                    TypeName: Query
                    FieldName: broken
                    DataSourceName: publish
                """);

        fixture.assertProblem(fixture.loadFails(template), lineOf(template, "  Broken:") + 2,
                "Resources.Broken.Properties.RequestMappingTemplate", "other than AWS_LAMBDA");
    }

    /** The 1-based line the text starts on. */
    static int lineOf(String template, String text) {
        int at = template.indexOf(text);
        assertThat(at).as("the template contains " + text).isNotNegative();
        return (int) template.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }
}

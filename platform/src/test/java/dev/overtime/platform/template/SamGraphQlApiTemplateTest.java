package dev.overtime.platform.template;

import static dev.overtime.platform.template.AppSyncTemplateTest.lineOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.overtime.platform.appsync.AuthMode;
import dev.overtime.platform.appsync.DataSource;
import dev.overtime.platform.appsync.GraphQlApiDefinition;
import dev.overtime.platform.appsync.GraphQlUrlTokens;
import dev.overtime.platform.appsync.PipelineFunction;
import dev.overtime.platform.appsync.ResolverCode;
import dev.overtime.platform.appsync.ResolverDefinition;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SAM's AWS::Serverless::GraphQLApi, expanded as SAM expands it. */
class SamGraphQlApiTemplateTest {

    private static final String ASK_CODE = "export function request(ctx) { return {operation: 'Invoke'}; }";

    @TempDir
    Path dir;

    private TemplateFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new TemplateFixture(dir);
        fixture.file("schema.graphql", "type Mutation { ask(q: String): String }");
        fixture.file("resolvers/ask.js", ASK_CODE);
    }

    private static String chat(String environment, String apiProperties) {
        return TemplateFixture.samHello("Environment:\n  Variables:\n" + environment.indent(4), """
                ChatApi:
                  Type: AWS::Serverless::GraphQLApi
                  Properties:
                """ + apiProperties.indent(4));
    }

    private static final String CHAT = """
            SchemaUri: schema.graphql
            Auth:
              Type: API_KEY
              Additional:
                - Type: AWS_IAM
            ApiKeys:
              PageKey:
                Description: the page's
                ExpiresOn: 1900000000
              OtherKey:
            DataSources:
              Lambda:
                Asker:
                  FunctionArn: !GetAtt Hello.Arn
                Named:
                  Name: named
                  FunctionArn: !GetAtt Hello.Arn
            Functions:
              ask:
                Runtime: {Name: APPSYNC_JS, Version: 1.0.0}
                DataSource: Asker
                CodeUri: resolvers/ask.js
              publish:
                Runtime: {Name: APPSYNC_JS, Version: 1.0.0}
                DataSource: none
                InlineCode: "export function request(ctx) { return {payload: ctx.args}; }"
            Resolvers:
              Mutation:
                ask:
                  Pipeline: [ask]
                publish:
                  FieldName: publishChunk
                  Runtime: {Name: APPSYNC_JS, Version: 1.0.0}
                  InlineCode: "export function response(ctx) { return ctx.result; }"
                  Pipeline: [publish]
            """;

    @Test
    void load_withASamGraphQlApi_readsItAsSamExpandsIt() {
        LoadedTemplate loaded = fixture.load(chat("XX: x", CHAT));

        GraphQlApiDefinition api = loaded.graphQlApi("ChatApi").orElseThrow();
        assertThat(api.name()).isEqualTo("ChatApi");
        assertThat(api.authModes()).containsExactly(AuthMode.API_KEY, AuthMode.AWS_IAM);
        assertThat(api.schema()).isEqualTo("type Mutation { ask(q: String): String }");
        assertThat(api.apiKeys()).extracting(k -> k.logicalId(), k -> k.description(), k -> k.expiresEpochSeconds())
                .containsExactly(tuple("PageKey", "the page's", 1_900_000_000L), tuple("OtherKey", "", 0L));
        assertThat(api.dataSources()).containsExactly(
                new DataSource.Lambda("Asker", "Hello", null),
                new DataSource.Lambda("named", "Hello", null),
                new DataSource.None("ChatApiNoneDataSource"));
        assertThat(api.functions()).extracting(PipelineFunction::name, PipelineFunction::dataSource,
                        PipelineFunction::code)
                .containsExactly(
                        tuple("ask", "Asker", new ResolverCode.Js(ASK_CODE)),
                        tuple("publish", "ChatApiNoneDataSource", new ResolverCode.Js(
                                "export function request(ctx) { return {payload: ctx.args}; }")));
        List<String> ids = api.functions().stream().map(PipelineFunction::id).toList();
        assertThat(api.resolvers()).extracting(ResolverDefinition::typeName, ResolverDefinition::fieldName,
                        ResolverDefinition::functionIds, ResolverDefinition::code)
                .containsExactly(
                        tuple("Mutation", "ask", List.of(ids.get(0)), new ResolverCode.Js(SamGraphQlApis.PASS_THROUGH_CODE)),
                        tuple("Mutation", "publishChunk", List.of(ids.get(1)),
                                new ResolverCode.Js("export function response(ctx) { return ctx.result; }")));
        assertThat(loaded.notYetServed()).isEmpty();
        assertThat(loaded.warnings()).isEmpty();
    }

    @Test
    void load_withReferencesToTheResourcesSamGenerates_givesTheirLocalValues() {
        LoadedTemplate loaded = fixture.load(chat("""
                URL: !GetAtt ChatApi.GraphQLUrl
                API_ID: !GetAtt ChatApi.ApiId
                KEY: !GetAtt ChatApiPageKey.ApiKey
                SOURCE: !GetAtt ChatApiNamedLambdaDataSource.Name
                NONE_SOURCE: !GetAtt ChatApiNoneDataSource.Name
                FUNCTION_ID: !GetAtt ChatApipublish.FunctionId
                """, CHAT));

        GraphQlApiDefinition api = loaded.graphQlApi("ChatApi").orElseThrow();
        assertThat(loaded.function("Hello").orElseThrow().environment()).containsExactly(
                Map.entry("URL", GraphQlUrlTokens.graphQlUrl(api.id())),
                Map.entry("API_ID", api.id()),
                Map.entry("KEY", api.apiKeys().getFirst().id()),
                Map.entry("SOURCE", "named"),
                Map.entry("NONE_SOURCE", "ChatApiNoneDataSource"),
                Map.entry("FUNCTION_ID", api.functions().get(1).id()));
    }

    @Test
    void load_withAResolverWithoutPipeline_failsAsSamDoes() {
        String template = chat("XX: x", """
                SchemaInline: "type Query { a: String }"
                Auth: {Type: AWS_IAM}
                Resolvers:
                  Query:
                    a:
                      Runtime: {Name: APPSYNC_JS, Version: 1.0.0}
                      InlineCode: x
                """);

        fixture.assertProblem(fixture.loadFails(template), lineOf(template, "Runtime: {Name: APPSYNC_JS") - 1,
                "Resources.ChatApi.Properties.Resolvers.Query.a.Pipeline", "SAM makes pipeline resolvers only");
    }

    @Test
    void load_withAPipelineNamingAMissingFunction_failsAtTheName() {
        String template = chat("XX: x", """
                SchemaInline: "type Query { a: String }"
                Auth: {Type: AWS_IAM}
                Resolvers:
                  Query:
                    a:
                      Pipeline: [missing]
                """);

        fixture.assertProblem(fixture.loadFails(template), lineOf(template, "[missing]"),
                "Resources.ChatApi.Properties.Resolvers.Query.a.Pipeline[0]", "found 'missing'");
    }

    @Test
    void load_withAFunctionNamingAMissingDataSource_failsAtTheName() {
        String template = chat("XX: x", """
                SchemaInline: "type Query { a: String }"
                Auth: {Type: AWS_IAM}
                Functions:
                  f:
                    Runtime: {Name: APPSYNC_JS, Version: 1.0.0}
                    DataSource: Missing
                    InlineCode: x
                """);

        fixture.assertProblem(fixture.loadFails(template), lineOf(template, "DataSource: Missing"),
                "Resources.ChatApi.Properties.Functions.f.DataSource", "found 'Missing'");
    }

    @Test
    void load_withoutSchema_failsAtTheApi() {
        String template = chat("XX: x", """
                Auth: {Type: AWS_IAM}
                """);

        fixture.assertProblem(fixture.loadFails(template), lineOf(template, "Properties:\n      Auth"),
                "Resources.ChatApi.Properties.SchemaInline", "SchemaUri");
    }

    @Test
    void load_withAnUnknownAuthType_failsAtIt() {
        String template = chat("XX: x", """
                SchemaInline: "type Query { a: String }"
                Auth: {Type: PASSWORD}
                """);

        fixture.assertProblem(fixture.loadFails(template), lineOf(template, "Auth: {Type"),
                "Resources.ChatApi.Properties.Auth.Type", "found 'PASSWORD'");
    }

    @Test
    void load_whenAGeneratedLogicalIdIsTaken_failsAtTheSamEntry() {
        String template = chat("XX: x", """
                SchemaInline: "type Query { a: String }"
                Auth: {Type: API_KEY}
                ApiKeys:
                  Key:
                    Description: taken
                """) + """
                  ChatApiKey:
                    Type: AWS::IAM::Role
                """;

        fixture.assertProblem(fixture.loadFails(template), lineOf(template, "    Key:"),
                "Resources.ChatApi.Properties.ApiKeys.Key", "'ChatApiKey' is already a resource of the template");
    }
}

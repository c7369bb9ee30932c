package dev.overtime.platform.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.overtime.platform.apigateway.ApiDefinition;
import dev.overtime.platform.apigateway.ApiDefinition.ValidatorSpec;
import dev.overtime.platform.apigateway.ApiKind;
import dev.overtime.platform.apigateway.ApiRoute;
import dev.overtime.platform.apigateway.Integration;
import dev.overtime.platform.apigateway.Integration.IntegrationType;
import dev.overtime.platform.apigateway.LambdaAuthorizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SAM's AWS::Serverless::Api, explicit and implicit, with its DefinitionBody, DefinitionUri, Cors, Auth and events. */
class SamApiTemplateTest {

    private static final String SEED_TEMPLATE = """
            #set( $meta = $input.path("$.meta") )
            #if( $meta.containsKey("async") && $meta["async"].equals(true) )
            #set( $context.requestOverride.header["X-Amz-Invocation-Type"] = "Event" )
            #end
            ${input.json("$")}""";

    @TempDir
    Path dir;

    private TemplateFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new TemplateFixture(dir);
    }

    private static String sam(String helloProperties, String otherResources) {
        return TemplateFixture.samHello(helloProperties, otherResources);
    }

    private LoadedTemplate loadSeed() throws IOException {
        fixture.file("target/java-functions.jar", "jar");
        try (InputStream seed = getClass().getResourceAsStream("/templates/api-seed/template.yaml")) {
            Files.copy(seed, fixture.template());
        }
        return TemplateLoader.load(fixture.template(), Map.of(), null);
    }

    @Test
    void load_seedTemplate_readsTheSwaggerRouteWithItsNonProxyIntegration() throws IOException {
        LoadedTemplate loaded = loadSeed();

        ApiDefinition api = loaded.api("SlowApi").orElseThrow();
        assertThat(api.kind()).isEqualTo(ApiKind.REST);
        assertThat(api.stage()).isEqualTo("Prod");
        assertThat(api.stageInPath()).isTrue();
        assertThat(api.id()).matches("[a-z0-9]{10}");
        ApiRoute run = api.routes().getFirst();
        assertThat(api.routes()).hasSize(1);
        assertThat(run.routeKey()).isEqualTo("POST /run");
        Integration integration = run.integration();
        assertThat(integration.type()).isEqualTo(IntegrationType.AWS);
        assertThat(integration.functionName()).isEqualTo("SlowJava");
        assertThat(integration.qualifier()).isNull();
        assertThat(integration.requestTemplates()).containsExactly(entry("application/json", SEED_TEMPLATE));
        assertThat(integration.passthroughBehavior()).isEqualTo("WHEN_NO_TEMPLATES");
        assertThat(integration.responses()).extracting(r -> r.selectionPattern(), r -> r.statusCode())
                .containsExactly(tuple("default", "200"));
        assertThat(integration.timeout()).isEqualTo(Duration.ofSeconds(29));
        assertThat(loaded.warnings()).isEmpty();
        assertThat(loaded.notYetServed()).isEmpty();
    }

    @Test
    void load_seedTemplate_readsTheModelAndTheValidator() throws IOException {
        ApiDefinition api = loadSeed().api("SlowApi").orElseThrow();

        assertThat(api.validators()).containsExactly(entry("body-only", new ValidatorSpec(true, false)));
        assertThat(api.defaultValidator()).isNull();
        ApiRoute run = api.routes().getFirst();
        assertThat(run.validator()).isEqualTo("body-only");
        assertThat(run.requestModels()).containsExactly(entry("application/json", "MetaRequest"));
        JsonNode model = api.models().get("MetaRequest");
        assertThat(model.get("$schema").asText()).isEqualTo("http://json-schema.org/draft-04/schema#");
        assertThat(model.get("required").get(0).asText()).isEqualTo("meta");
        JsonNode meta = model.get("properties").get("meta");
        assertThat(meta.get("additionalProperties").isBoolean()).isTrue();
        assertThat(meta.get("additionalProperties").asBoolean()).isFalse();
        assertThat(meta.get("required").get(0).asText()).isEqualTo("clientRequestId");
        assertThat(meta.get("properties").get("async").get("type").get(0).asText()).isEqualTo("boolean");
        assertThat(meta.get("properties").get("clientRequestId").get("format").asText()).isEqualTo("guid");
    }

    @Test
    void load_seedTemplate_resolvesTheApiUrlInTheEnvironment() throws IOException {
        LoadedTemplate loaded = loadSeed();

        String id = loaded.api("SlowApi").orElseThrow().id();
        assertThat(loaded.function("SlowJava").orElseThrow().environment())
                .containsEntry("API_URL", "https://" + id + ".execute-api.us-east-1.amazonaws.com/Prod");
    }

    @Test
    void load_twice_givesTheSameIds() {
        String template = sam("""
                Environment:
                  Variables:
                    API: !Ref Api
                    ROOT: !GetAtt Api.RootResourceId
                """, """
                Api:
                  Type: AWS::Serverless::Api
                  Properties: {StageName: dev}
                """);

        LoadedTemplate first = fixture.load(template);
        LoadedTemplate second = fixture.load(template);

        String id = first.api("Api").orElseThrow().id();
        assertThat(id).matches("[a-z0-9]{10}").isEqualTo(second.api("Api").orElseThrow().id());
        assertThat(first.function("Hello").orElseThrow().environment()).containsEntry("API", id)
                .hasEntrySatisfying("ROOT", root -> assertThat(root).matches("[a-z0-9]{10}").isNotEqualTo(id));
        assertThat(second.function("Hello").orElseThrow().environment())
                .isEqualTo(first.function("Hello").orElseThrow().environment());
    }

    @Test
    void apiKeyRequiredRoutes_acceptTheTemplatesKeys_orOneGeneratedKey() {
        String events = """
                Events:
                  Hello:
                    Type: Api
                    Properties: {Path: /hello, Method: get, Auth: {ApiKeyRequired: true}}
                """;
        LoadedTemplate generated = fixture.load(sam(events, ""));
        List<String> keys = generated.api("ServerlessRestApi").orElseThrow().apiKeys();
        assertThat(keys).hasSize(1).allMatch(k -> k.matches("[a-z0-9]{40}"));
        assertThat(fixture.load(sam(events, "")).api("ServerlessRestApi").orElseThrow().apiKeys()).isEqualTo(keys);

        LoadedTemplate declared = fixture.load(sam(events, """
                Key:
                  Type: AWS::ApiGateway::ApiKey
                  Properties: {Enabled: true, Value: my-key-0123456789abcdef}
                Off:
                  Type: AWS::ApiGateway::ApiKey
                  Properties: {Enabled: false, Value: off-key-0123456789abcdef}
                """));
        assertThat(declared.api("ServerlessRestApi").orElseThrow().apiKeys()).containsExactly("my-key-0123456789abcdef");
        assertThat(declared.warnings()).anyMatch(w -> w.startsWith("Off: the API key is not Enabled"))
                .noneMatch(w -> w.contains("AWS::ApiGateway::ApiKey ignored"));
    }

    @Test
    void load_inAnotherStack_givesOtherIds() {
        fixture.write(sam("", """
                Api:
                  Type: AWS::Serverless::Api
                  Properties: {StageName: dev}
                """));

        String shop = TemplateLoader.load(fixture.template(), Map.of(),
                new TemplateContext("us-east-1", "123456789012", "shop")).apis().getFirst().id();
        String blog = TemplateLoader.load(fixture.template(), Map.of(),
                new TemplateContext("us-east-1", "123456789012", "blog")).apis().getFirst().id();

        assertThat(shop).isNotEqualTo(blog);
    }

    @Test
    void load_withApiEventsAndNoRestApiId_servesThemOnTheImplicitApi() {
        LoadedTemplate loaded = fixture.load(sam("""
                Environment:
                  Variables:
                    URL: !Sub "https://${ServerlessRestApi}.execute-api.${AWS::Region}.amazonaws.com/Prod/"
                Events:
                  Hello:
                    Type: Api
                    Properties: {Path: "/hello/{name}", Method: get}
                  Proxy:
                    Type: Api
                    Properties: {Path: "/{proxy+}", Method: any}
                """, ""));

        ApiDefinition api = loaded.api("ServerlessRestApi").orElseThrow();
        assertThat(api.kind()).isEqualTo(ApiKind.REST);
        assertThat(api.stage()).isEqualTo("Prod");
        assertThat(api.name()).isEqualTo(TemplateContext.stackNameFor(fixture.template()) + "-ServerlessRestApi");
        assertThat(api.routes()).extracting(ApiRoute::method, ApiRoute::path)
                .containsExactly(tuple("GET", "/hello/{name}"), tuple("ANY", "/{proxy+}"));
        assertThat(api.routes()).allSatisfy(route -> {
            assertThat(route.integration().type()).isEqualTo(IntegrationType.AWS_PROXY);
            assertThat(route.integration().functionName()).isEqualTo("Hello");
            assertThat(route.integration().payloadFormatVersion()).isEqualTo("1.0");
            assertThat(route.authorizer()).isNull();
            assertThat(route.apiKeyRequired()).isFalse();
        });
        assertThat(loaded.function("Hello").orElseThrow().environment())
                .containsEntry("URL", "https://" + api.id() + ".execute-api.us-east-1.amazonaws.com/Prod/");
        assertThat(loaded.warnings()).isEmpty();
    }

    @Test
    void load_withAutoPublishAlias_pointsEventRoutesAtTheAlias() {
        LoadedTemplate loaded = fixture.load(sam("""
                AutoPublishAlias: live
                Events:
                  Hello: {Type: Api, Properties: {Path: /hello, Method: GET, TimeoutInMillis: 5000}}
                """, ""));

        Integration integration = loaded.apis().getFirst().routes().getFirst().integration();
        assertThat(integration.functionName()).isEqualTo("Hello");
        assertThat(integration.qualifier()).isEqualTo("live");
        assertThat(integration.timeout()).isEqualTo(Duration.ofMillis(5000));
    }

    @Test
    void load_withEventOnExplicitApi_mergesItWithTheDefinitionBody() {
        LoadedTemplate loaded = fixture.load(sam("""
                Events:
                  Get:
                    Type: Api
                    Properties: {RestApiId: !Ref Api, Path: /items, Method: get}
                  Post:
                    Type: Api
                    Properties: {RestApiId: !Ref Api, Path: /items, Method: post}
                """, """
                Api:
                  Type: AWS::Serverless::Api
                  Properties:
                    StageName: v1
                    Variables: {TABLE: items}
                    DefinitionBody:
                      openapi: 3.0.1
                      paths:
                        /items:
                          get:
                            parameters:
                              - {in: query, name: limit, required: true, schema: {type: integer}}
                        /health:
                          get:
                            x-amazon-apigateway-integration:
                              type: mock
                              requestTemplates: {application/json: '{"statusCode": 200}'}
                              responses:
                                default: {statusCode: 200}
                """));

        ApiDefinition api = loaded.api("Api").orElseThrow();
        assertThat(api.stage()).isEqualTo("v1");
        assertThat(api.stageVariables()).containsExactly(entry("TABLE", "items"));
        assertThat(api.routes()).extracting(ApiRoute::routeKey)
                .containsExactly("GET /items", "GET /health", "POST /items");
        ApiRoute get = api.routes().getFirst();
        assertThat(get.integration().functionName()).isEqualTo("Hello");
        assertThat(get.requiredParameters()).containsExactly("method.request.querystring.limit");
        ApiRoute health = api.routes().get(1);
        assertThat(health.integration().type()).isEqualTo(IntegrationType.MOCK);
        assertThat(health.integration().functionName()).isNull();
        assertThat(health.integration().responses().getFirst().statusCode()).isEqualTo("200");
        assertThat(loaded.apis()).extracting(ApiDefinition::logicalId).containsExactly("Api");
        assertThat(loaded.warnings()).isEmpty();
    }

    @Test
    void load_whenEventRouteIsAlreadyIntegrated_failsNamingThePath() {
        TemplateException e = fixture.loadFails(sam("""
                Events:
                  Get:
                    Type: Api
                    Properties:
                      RestApiId: !Ref Api
                      Path: /items
                      Method: get
                """, """
                Api:
                  Type: AWS::Serverless::Api
                  Properties:
                    StageName: v1
                    DefinitionBody:
                      paths:
                        /items:
                          get:
                            x-amazon-apigateway-integration: {type: mock}
                """));

        fixture.assertProblem(e, 14, "Resources.Hello.Properties.Events.Get.Properties.Path",
                "found GET /items of API Api, which is integrated");
    }

    @Test
    void load_whenRestApiIdIsNotAnApi_fails() {
        TemplateException e = fixture.loadFails(sam("""
                Events:
                  Get:
                    Type: Api
                    Properties: {RestApiId: !Ref Http, Path: /items, Method: get}
                """, """
                Http:
                  Type: AWS::Serverless::HttpApi
                """));

        fixture.assertProblem(e, 12, "Resources.Hello.Properties.Events.Get.Properties.RestApiId",
                "expected !Ref to an AWS::Serverless::Api, found 'Http' of type AWS::Serverless::HttpApi");
    }

    @Test
    void load_whenIntegrationUriNamesAnUnknownFunction_failsNamingTheUri() {
        TemplateException e = fixture.loadFails(sam("", """
                Api:
                  Type: AWS::Serverless::Api
                  Properties:
                    StageName: Prod
                    DefinitionBody:
                      swagger: "2.0"
                      paths:
                        /x:
                          get:
                            x-amazon-apigateway-integration:
                              type: aws_proxy
                              uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:Nope/invocations
                """));

        fixture.assertProblem(e, 20, "Resources.Api.Properties.DefinitionBody.paths./x.get."
                + "x-amazon-apigateway-integration.uri", "found function 'Nope', which the template does not define");
    }

    @Test
    void load_withAliasInIntegrationUri_readsTheQualifier() {
        LoadedTemplate loaded = fixture.load(sam("AutoPublishAlias: live", """
                Api:
                  Type: AWS::Serverless::Api
                  Properties:
                    StageName: Prod
                    DefinitionBody:
                      swagger: "2.0"
                      paths:
                        /x:
                          x-amazon-apigateway-any-method:
                            x-amazon-apigateway-integration:
                              type: AWS_PROXY
                              httpMethod: POST
                              uri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Hello.Alias}/invocations
                """));

        ApiRoute route = loaded.apis().getFirst().routes().getFirst();
        assertThat(route.method()).isEqualTo("ANY");
        assertThat(route.integration().type()).isEqualTo(IntegrationType.AWS_PROXY);
        assertThat(route.integration().functionName()).isEqualTo("Hello");
        assertThat(route.integration().qualifier()).isEqualTo("live");
    }

    @Test
    void load_withDefinitionUri_readsTheFileNextToTheTemplate() {
        fixture.file("api/openapi.json", """
                {
                  "openapi": "3.0.1",
                  "paths": {
                    "/hello": {
                      "post": {
                        "x-amazon-apigateway-integration": {
                          "type": "aws_proxy",
                          "uri": "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:Hello/invocations"
                        }
                      }
                    }
                  }
                }
                """);

        LoadedTemplate loaded = fixture.load(sam("", """
                Api:
                  Type: AWS::Serverless::Api
                  Properties: {StageName: Prod, DefinitionUri: api/openapi.json}
                """));

        assertThat(loaded.apis().getFirst().routes()).extracting(ApiRoute::routeKey).containsExactly("POST /hello");
    }

    @Test
    void load_whenDefinitionUriFileIsMissing_failsNamingTheProperty() {
        TemplateException e = fixture.loadFails(sam("", """
                Api:
                  Type: AWS::Serverless::Api
                  Properties:
                    StageName: Prod
                    DefinitionUri: api/missing.yaml
                """));

        fixture.assertProblem(e, 13, "Resources.Api.Properties.DefinitionUri",
                "expected an OpenAPI file relative to the template or an s3:// URI, found 'api/missing.yaml', "
                        + "which does not exist");
    }

    @Test
    void load_whenDefinitionFileHasAProblem_namesThatFile() {
        fixture.file("api.yaml", """
                swagger: "2.0"
                paths:
                  /x:
                    get:
                      x-amazon-apigateway-integration:
                        type: aws_proxy
                        uri: arn:aws:lambda:us-east-1:123456789012:function:Nope
                """);

        TemplateException e = fixture.loadFails(sam("", """
                Api:
                  Type: AWS::Serverless::Api
                  Properties: {StageName: Prod, DefinitionUri: api.yaml}
                """));

        assertThat(e.file()).isEqualTo(dir.resolve("api.yaml").toString());
        assertThat(e.line()).isEqualTo(7);
        assertThat(e.propertyPath()).isEqualTo("paths./x.get.x-amazon-apigateway-integration.uri");
    }

    @Test
    void load_withDefinitionUriInS3_leavesTheApiOutWithAWarning() {
        LoadedTemplate loaded = fixture.load(sam("""
                Events:
                  Get: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /x, Method: get}}
                """, """
                Api:
                  Type: AWS::Serverless::Api
                  Properties: {StageName: Prod, DefinitionUri: s3://bucket/api.yaml}
                """));

        assertThat(loaded.apis()).isEmpty();
        assertThat(loaded.warnings()).containsExactly(
                "Api.DefinitionUri: a definition in S3 is not served; the API is left out");
    }

    @Test
    void load_withoutStageName_failsAsSamDoes() {
        TemplateException e = fixture.loadFails(sam("", """
                Api:
                  Type: AWS::Serverless::Api
                  Properties: {Name: my-api}
                """));

        fixture.assertProblem(e, 11, "Resources.Api.Properties.StageName", "required: expected a stage name");
    }

    @Test
    void load_withCors_readsTheQuotedValues() {
        LoadedTemplate loaded = fixture.load(sam("", """
                Quoted:
                  Type: AWS::Serverless::Api
                  Properties:
                    StageName: Prod
                    Cors:
                      AllowOrigin: "'https://example.com'"
                      AllowMethods: "'GET, POST'"
                      AllowHeaders: "'Content-Type,X-Api-Key'"
                      MaxAge: "'600'"
                      AllowCredentials: true
                Star:
                  Type: AWS::Serverless::Api
                  Properties: {StageName: Prod, Cors: "'*'"}
                """));

        assertThat(loaded.api("Quoted").orElseThrow().cors()).satisfies(cors -> {
            assertThat(cors.allowOrigins()).containsExactly("https://example.com");
            assertThat(cors.allowMethods()).containsExactly("GET", "POST");
            assertThat(cors.allowHeaders()).containsExactly("Content-Type", "X-Api-Key");
            assertThat(cors.maxAge()).isEqualTo(600);
            assertThat(cors.allowCredentials()).isTrue();
        });
        assertThat(loaded.api("Star").orElseThrow().cors().allowOrigins()).containsExactly("*");
    }

    @Test
    void load_withAuth_readsLambdaAuthorizersAndTheDefault() {
        LoadedTemplate loaded = fixture.load(sam("""
                Events:
                  Secure: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /secure, Method: get}}
                  Open:
                    Type: Api
                    Properties:
                      RestApiId: !Ref Api
                      Path: /open
                      Method: get
                      Auth: {Authorizer: NONE, ApiKeyRequired: false}
                  Iam:
                    Type: Api
                    Properties: {RestApiId: !Ref Api, Path: /iam, Method: get, Auth: {Authorizer: AWS_IAM}}
                  Validated:
                    Type: Api
                    Properties:
                      RestApiId: !Ref Api
                      Path: /orders
                      Method: post
                      Auth: {Authorizer: ByRequest}
                      RequestModel: {Model: Order, Required: true, ValidateBody: true}
                      RequestParameters:
                        - method.request.header.X-Trace
                        - method.request.querystring.dryRun: {Required: true, Caching: false}
                """, """
                Auth:
                  Type: AWS::Serverless::Function
                  Properties: {Runtime: java21, Handler: example.Auth, CodeUri: hello.jar}
                Api:
                  Type: AWS::Serverless::Api
                  Properties:
                    StageName: Prod
                    Models:
                      Order: {type: object, required: [id]}
                    Auth:
                      DefaultAuthorizer: ByToken
                      ApiKeyRequired: true
                      Authorizers:
                        ByToken:
                          FunctionArn: !GetAtt Auth.Arn
                          Identity: {Header: X-Token, ReauthorizeEvery: 60, ValidationExpression: '^Bearer [-0-9a-zA-Z.]+$'}
                        ByRequest:
                          FunctionArn: !GetAtt Auth.Arn
                          FunctionPayloadType: REQUEST
                          Identity: {Headers: [X-User], QueryStrings: [tenant]}
                        Pool:
                          UserPoolArn: arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc
                """));

        ApiDefinition api = loaded.api("Api").orElseThrow();
        assertThat(api.authorizers()).containsOnlyKeys("ByToken", "ByRequest");
        assertThat(api.authorizers().get("ByToken")).isEqualTo(new LambdaAuthorizer("ByToken", "TOKEN", "Auth",
                java.util.List.of("method.request.header.X-Token"), Duration.ofSeconds(60), false, null,
                "^Bearer [-0-9a-zA-Z.]+$"));
        assertThat(api.authorizers().get("ByRequest").identitySources())
                .containsExactly("method.request.header.X-User", "method.request.querystring.tenant");
        assertThat(api.authorizers().get("ByRequest").cacheTtl()).isEqualTo(Duration.ofSeconds(300));
        assertThat(api.routes()).extracting(ApiRoute::path, ApiRoute::authorizer, ApiRoute::apiKeyRequired)
                .containsExactly(tuple("/secure", "ByToken", true), tuple("/open", null, false),
                        tuple("/iam", "AWS_IAM", true), tuple("/orders", "ByRequest", true));
        ApiRoute orders = api.routes().get(3);
        assertThat(orders.requestModels()).containsExactly(entry("application/json", "Order"));
        assertThat(orders.validator()).isEqualTo("body-only");
        assertThat(orders.requiredParameters()).containsExactly("method.request.querystring.dryRun");
        assertThat(api.validators()).containsExactly(entry("body-only", new ValidatorSpec(true, false)));
        assertThat(api.models().get("Order").get("required").get(0).asText()).isEqualTo("id");
        assertThat(loaded.warnings()).containsExactly(
                "Api: AWS_IAM routes check SigV4 and IAM policies under serve --auth iam; without it they are served open");
    }

    @Test
    void load_whenEventNamesAnUnknownAuthorizer_fails() {
        TemplateException e = fixture.loadFails(sam("""
                Events:
                  Get:
                    Type: Api
                    Properties:
                      Path: /x
                      Method: get
                      Auth:
                        Authorizer: Nope
                """, ""));

        fixture.assertProblem(e, 16, "Resources.Hello.Properties.Events.Get.Properties.Auth.Authorizer",
                "expected NONE, AWS_IAM or one of the authorizers of API ServerlessRestApi [], found 'Nope'");
    }

    @Test
    void load_withGlobalsApi_configuresTheImplicitApi() {
        LoadedTemplate loaded = fixture.load("""
                Transform: AWS::Serverless-2016-10-31
                Globals:
                  Api:
                    Cors: "'*'"
                    Variables: {MODE: test}
                Resources:
                  Hello:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: java21
                      Handler: example.Hello
                      CodeUri: hello.jar
                      Events:
                        Get: {Type: Api, Properties: {Path: /, Method: get}}
                """);

        ApiDefinition api = loaded.api("ServerlessRestApi").orElseThrow();
        assertThat(api.cors().allowOrigins()).containsExactly("*");
        assertThat(api.stageVariables()).containsExactly(entry("MODE", "test"));
    }

    @Test
    void load_withOtherEventTypes_warnsForEach() {
        LoadedTemplate loaded = fixture.load(sam("""
                Events:
                  Queue: {Type: SQS, Properties: {Queue: arn:aws:sqs:us-east-1:123456789012:q}}
                  Get: {Type: Api, Properties: {Path: /, Method: get}}
                """, ""));

        assertThat(loaded.apis()).hasSize(1);
        assertThat(loaded.warnings()).containsExactly("Hello.Events.Queue: Type SQS not served yet");
    }
}

package dev.overtime.platform.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import dev.overtime.platform.apigateway.ApiDefinition;
import dev.overtime.platform.apigateway.ApiKind;
import dev.overtime.platform.apigateway.ApiRoute;
import dev.overtime.platform.apigateway.Integration.IntegrationType;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CloudFormation's AWS::ApiGateway::RestApi and AWS::ApiGatewayV2::Api, with their stages. */
class CfnApiTemplateTest {

    private static final String BODY = """
            Body:
              swagger: "2.0"
              info: {title: from-body, version: "1"}
              paths:
                /hello:
                  get:
                    x-amazon-apigateway-integration:
                      type: aws_proxy
                      httpMethod: POST
                      uri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Hello.Arn}/invocations
            """;

    @TempDir
    Path dir;

    private TemplateFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new TemplateFixture(dir);
    }

    /** Lambda function Hello on lines 2-4, then {@code otherResources}. */
    private static String cfn(String otherResources) {
        return """
                Resources:
                  Hello:
                    Type: AWS::Lambda::Function
                    Properties: {Runtime: java21, Handler: example.Hello, Code: hello.jar}
                """ + otherResources.indent(2);
    }

    @Test
    void load_restApiWithBodyAndStage_servesItOnTheStage() {
        LoadedTemplate loaded = fixture.load(cfn("""
                Api:
                  Type: AWS::ApiGateway::RestApi
                  Properties:
                    Name: hello-api
                """ + BODY.indent(4) + """
                Deployment:
                  Type: AWS::ApiGateway::Deployment
                  Properties: {RestApiId: !Ref Api}
                Stage:
                  Type: AWS::ApiGateway::Stage
                  Properties:
                    RestApiId: !Ref Api
                    DeploymentId: !Ref Deployment
                    StageName: live
                    Variables: {LEVEL: debug}
                """));

        ApiDefinition api = loaded.apis().getFirst();
        assertThat(api.logicalId()).isEqualTo("Api");
        assertThat(api.kind()).isEqualTo(ApiKind.REST);
        assertThat(api.name()).isEqualTo("hello-api");
        assertThat(api.stage()).isEqualTo("live");
        assertThat(api.stageVariables()).containsExactly(entry("LEVEL", "debug"));
        assertThat(api.routes()).singleElement().satisfies(route -> {
            assertThat(route.routeKey()).isEqualTo("GET /hello");
            assertThat(route.integration().type()).isEqualTo(IntegrationType.AWS_PROXY);
            assertThat(route.integration().functionName()).isEqualTo("Hello");
        });
        assertThat(loaded.notYetServed()).isEmpty();
        assertThat(loaded.warnings()).isEmpty();
    }

    @Test
    void load_restApiWithDeploymentStageName_servesItOnThatStage() {
        LoadedTemplate loaded = fixture.load(cfn("""
                Api:
                  Type: AWS::ApiGateway::RestApi
                  Properties:
                """ + BODY.indent(4) + """
                Deployment:
                  Type: AWS::ApiGateway::Deployment
                  Properties:
                    RestApiId: !Ref Api
                    StageName: test
                    StageDescription: {Variables: {A: b}}
                """));

        ApiDefinition api = loaded.apis().getFirst();
        assertThat(api.stage()).isEqualTo("test");
        assertThat(api.stageVariables()).containsExactly(entry("A", "b"));
    }

    @Test
    void load_restApiWithoutStage_servesItOnProdWithAWarning() {
        LoadedTemplate loaded = fixture.load(cfn("""
                Api:
                  Type: AWS::ApiGateway::RestApi
                  Properties:
                """ + BODY.indent(4)));

        assertThat(loaded.apis().getFirst().stage()).isEqualTo("prod");
        assertThat(loaded.warnings()).containsExactly(
                "Api: no AWS::ApiGateway::Stage or Deployment gives it a StageName; served on stage 'prod'");
    }

    @Test
    void load_restApiComposedFromResources_isLeftOutWithOneWarning() {
        LoadedTemplate loaded = fixture.load(cfn("""
                Api:
                  Type: AWS::ApiGateway::RestApi
                  Properties: {Name: composed}
                HelloResource:
                  Type: AWS::ApiGateway::Resource
                  Properties: {RestApiId: !Ref Api, ParentId: !GetAtt Api.RootResourceId, PathPart: hello}
                HelloMethod:
                  Type: AWS::ApiGateway::Method
                  Properties: {RestApiId: !Ref Api, ResourceId: !Ref HelloResource, HttpMethod: GET}
                Key:
                  Type: AWS::ApiGateway::ApiKey
                  Properties: {Enabled: true}
                """));

        assertThat(loaded.apis()).isEmpty();
        // The key is read (it is what ApiKeyRequired routes accept), so it is not reported as ignored.
        assertThat(loaded.warnings()).containsExactly(
                "Api: composed from separate resources: not served yet; give the API a Body (OpenAPI)");
    }

    @Test
    void load_restApiInS3_isLeftOutWithAWarning() {
        LoadedTemplate loaded = fixture.load(cfn("""
                Api:
                  Type: AWS::ApiGateway::RestApi
                  Properties:
                    BodyS3Location: {Bucket: my-bucket, Key: api.yaml}
                """));

        assertThat(loaded.apis()).isEmpty();
        assertThat(loaded.warnings()).containsExactly(
                "Api.BodyS3Location: a definition in S3 is not served; the API is left out");
    }

    @Test
    void load_restApiWithAnExtraMethod_warnsTheMethodIsIgnored() {
        LoadedTemplate loaded = fixture.load(cfn("""
                Api:
                  Type: AWS::ApiGateway::RestApi
                  Properties:
                """ + BODY.indent(4) + """
                Stage:
                  Type: AWS::ApiGateway::Stage
                  Properties: {RestApiId: !Ref Api, StageName: prod}
                Extra:
                  Type: AWS::ApiGateway::Method
                  Properties: {RestApiId: !Ref Api, HttpMethod: GET}
                """));

        assertThat(loaded.apis()).hasSize(1);
        assertThat(loaded.warnings()).containsExactly(
                "Extra: AWS::ApiGateway::Method ignored; Overtime reads the routes of Api from its definition");
    }

    @Test
    void load_restApiBodyIncluded_readsTheLocalFile() {
        fixture.file("openapi.yaml", """
                openapi: 3.0.1
                paths:
                  /hello:
                    post:
                      x-amazon-apigateway-integration:
                        type: aws_proxy
                        uri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Hello.Arn}/invocations
                """);

        LoadedTemplate loaded = fixture.load(cfn("""
                Api:
                  Type: AWS::ApiGateway::RestApi
                  Properties:
                    Body:
                      Fn::Transform:
                        Name: AWS::Include
                        Parameters: {Location: openapi.yaml}
                Stage:
                  Type: AWS::ApiGateway::Stage
                  Properties: {RestApiId: !Ref Api, StageName: prod}
                """));

        assertThat(loaded.apis().getFirst().routes()).extracting(ApiRoute::routeKey).containsExactly("POST /hello");
    }

    @Test
    void load_httpApiQuickCreate_servesOneDefaultRoute() {
        LoadedTemplate loaded = fixture.load(cfn("""
                Api:
                  Type: AWS::ApiGatewayV2::Api
                  Properties:
                    Name: quick
                    ProtocolType: HTTP
                    Target: !GetAtt Hello.Arn
                Post:
                  Type: AWS::ApiGatewayV2::Api
                  Properties:
                    ProtocolType: HTTP
                    Target: !GetAtt Hello.Arn
                    RouteKey: POST /orders
                    CorsConfiguration: {AllowOrigins: ["*"], AllowMethods: [POST]}
                """));

        assertThat(loaded.apis()).extracting(ApiDefinition::logicalId, ApiDefinition::kind, ApiDefinition::stage)
                .containsExactly(tuple("Api", ApiKind.HTTP, "$default"), tuple("Post", ApiKind.HTTP, "$default"));
        ApiRoute route = loaded.apis().getFirst().routes().getFirst();
        assertThat(route.routeKey()).isEqualTo("$default");
        assertThat(route.method()).isEqualTo("ANY");
        assertThat(route.integration().payloadFormatVersion()).isEqualTo("2.0");
        assertThat(route.integration().functionName()).isEqualTo("Hello");
        assertThat(loaded.apis().get(1).routes()).extracting(ApiRoute::routeKey).containsExactly("POST /orders");
        assertThat(loaded.apis().get(1).cors().allowMethods()).containsExactly("POST");
        assertThat(loaded.warnings()).isEmpty();
    }

    @Test
    void load_httpApiWithBodyAndStage_readsBoth() {
        LoadedTemplate loaded = fixture.load(cfn("""
                Api:
                  Type: AWS::ApiGatewayV2::Api
                  Properties:
                    Body:
                      openapi: 3.0.1
                      paths:
                        /items/{id}:
                          get:
                            x-amazon-apigateway-integration:
                              type: AWS_PROXY
                              payloadFormatVersion: "2.0"
                              uri: !GetAtt Hello.Arn
                Stage:
                  Type: AWS::ApiGatewayV2::Stage
                  Properties:
                    ApiId: !Ref Api
                    StageName: $default
                    AutoDeploy: true
                    StageVariables: {ENV: local}
                Route:
                  Type: AWS::ApiGatewayV2::Route
                  Properties: {ApiId: !Ref Api, RouteKey: GET /extra}
                """));

        ApiDefinition api = loaded.apis().getFirst();
        assertThat(api.stage()).isEqualTo("$default");
        assertThat(api.stageVariables()).containsExactly(entry("ENV", "local"));
        assertThat(api.routes()).extracting(ApiRoute::routeKey).containsExactly("GET /items/{id}");
        assertThat(loaded.warnings()).containsExactly(
                "Route: AWS::ApiGatewayV2::Route ignored; Overtime reads the routes of Api from its definition");
    }

    @Test
    void load_webSocketApi_isLeftOutWithAWarning() {
        LoadedTemplate loaded = fixture.load(cfn("""
                Chat:
                  Type: AWS::ApiGatewayV2::Api
                  Properties: {Name: chat, ProtocolType: WEBSOCKET, RouteSelectionExpression: $request.body.action}
                Connect:
                  Type: AWS::ApiGatewayV2::Route
                  Properties: {ApiId: !Ref Chat, RouteKey: $connect}
                """));

        assertThat(loaded.apis()).isEmpty();
        assertThat(loaded.warnings()).containsExactly("Chat: WebSocket APIs are not served yet");
    }

    @Test
    void load_refToAStage_givesItsName() {
        LoadedTemplate loaded = fixture.load("""
                Resources:
                  Hello:
                    Type: AWS::Lambda::Function
                    Properties:
                      Runtime: java21
                      Handler: example.Hello
                      Code: hello.jar
                      Environment:
                        Variables:
                          URL: !Sub https://${Api}.execute-api.${AWS::Region}.amazonaws.com/${Stage}/hello
                  Api:
                    Type: AWS::ApiGateway::RestApi
                    Properties:
                """ + BODY.indent(6) + """
                  Stage:
                    Type: AWS::ApiGateway::Stage
                    Properties: {RestApiId: !Ref Api, StageName: beta}
                """);

        String id = loaded.apis().getFirst().id();
        assertThat(loaded.function("Hello").orElseThrow().environment())
                .containsEntry("URL", "https://" + id + ".execute-api.us-east-1.amazonaws.com/beta/hello");
    }
}

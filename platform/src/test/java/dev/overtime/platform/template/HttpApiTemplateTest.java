package dev.overtime.platform.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import dev.overtime.platform.apigateway.ApiDefinition;
import dev.overtime.platform.apigateway.ApiKind;
import dev.overtime.platform.apigateway.ApiRoute;
import dev.overtime.platform.apigateway.LambdaAuthorizer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SAM's AWS::Serverless::HttpApi, explicit and implicit, and HttpApi events. */
class HttpApiTemplateTest {

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

    @Test
    void load_withHttpApiEvents_servesThemOnTheImplicitApiWithPayload20() {
        LoadedTemplate loaded = fixture.load(sam("""
                Environment:
                  Variables:
                    ENDPOINT: !GetAtt ServerlessHttpApi.ApiEndpoint
                Events:
                  Hello:
                    Type: HttpApi
                    Properties: {Path: /hello, Method: get}
                  Old:
                    Type: HttpApi
                    Properties: {Path: /old, Method: POST, PayloadFormatVersion: "1.0", TimeoutInMillis: 3000}
                  Rest:
                    Type: HttpApi
                """, ""));

        ApiDefinition api = loaded.api("ServerlessHttpApi").orElseThrow();
        assertThat(api.kind()).isEqualTo(ApiKind.HTTP);
        assertThat(api.stage()).isEqualTo("$default");
        assertThat(api.stageInPath()).isFalse();
        assertThat(api.routes()).extracting(ApiRoute::routeKey, r -> r.integration().payloadFormatVersion(),
                        r -> r.integration().timeout())
                .containsExactly(tuple("GET /hello", "2.0", Duration.ofSeconds(30)),
                        tuple("POST /old", "1.0", Duration.ofMillis(3000)),
                        tuple("$default", "2.0", Duration.ofSeconds(30)));
        assertThat(api.routes().get(2).method()).isEqualTo("ANY");
        assertThat(loaded.function("Hello").orElseThrow().environment())
                .containsEntry("ENDPOINT", "http://" + api.id() + ".execute-api.localhost");
        assertThat(loaded.warnings()).isEmpty();
    }

    @Test
    void load_withBothImplicitApis_servesEachAfterTheExplicitOnes() {
        LoadedTemplate loaded = fixture.load(sam("""
                Events:
                  Http: {Type: HttpApi, Properties: {Path: /a, Method: get}}
                  Rest: {Type: Api, Properties: {Path: /b, Method: get}}
                """, """
                Explicit:
                  Type: AWS::Serverless::HttpApi
                """));

        assertThat(loaded.apis()).extracting(ApiDefinition::logicalId, ApiDefinition::kind)
                .containsExactly(tuple("Explicit", ApiKind.HTTP), tuple("ServerlessHttpApi", ApiKind.HTTP),
                        tuple("ServerlessRestApi", ApiKind.REST));
        assertThat(loaded.api("Explicit").orElseThrow().routes()).isEmpty();
        assertThat(loaded.apis()).extracting(ApiDefinition::id).doesNotHaveDuplicates();
    }

    @Test
    void load_withExplicitHttpApi_readsItsDefinitionStageCorsAndAuth() {
        LoadedTemplate loaded = fixture.load(sam("""
                Events:
                  Secure:
                    Type: HttpApi
                    Properties: {ApiId: !Ref Api, Path: /secure, Method: get}
                  Public:
                    Type: HttpApi
                    Properties: {ApiId: !Ref Api, Path: /public, Method: get, Auth: {Authorizer: NONE}}
                  Jwt:
                    Type: HttpApi
                    Properties: {ApiId: !Ref Api, Path: /jwt, Method: get, Auth: {Authorizer: Jwt}}
                """, """
                Authorizer:
                  Type: AWS::Serverless::Function
                  Properties: {Runtime: java21, Handler: example.Auth, CodeUri: hello.jar}
                Api:
                  Type: AWS::Serverless::HttpApi
                  Properties:
                    StageName: v2
                    StageVariables: {COLOR: blue}
                    CorsConfiguration:
                      AllowOrigins: [https://example.com]
                      AllowMethods: [GET]
                      ExposeHeaders: [X-Request-Id]
                      MaxAge: 60
                    Auth:
                      DefaultAuthorizer: Lambda
                      Authorizers:
                        Lambda:
                          FunctionArn: !GetAtt Authorizer.Arn
                          AuthorizerPayloadFormatVersion: "2.0"
                          EnableSimpleResponses: true
                          Identity: {Headers: [Authorization], ReauthorizeEvery: 30}
                        Jwt:
                          JwtConfiguration: {issuer: "https://issuer.example.com", audience: [app]}
                          IdentitySource: $request.header.Authorization
                    DefinitionBody:
                      openapi: "3.0.1"
                      info: {title: hello, version: "1"}
                      paths:
                        /docs:
                          get:
                            x-amazon-apigateway-integration:
                              type: aws_proxy
                              payloadFormatVersion: "1.0"
                              uri: !GetAtt Hello.Arn
                """));

        ApiDefinition api = loaded.api("Api").orElseThrow();
        assertThat(api.stage()).isEqualTo("v2");
        assertThat(api.stageInPath()).isTrue();
        assertThat(api.stageVariables()).containsExactly(entry("COLOR", "blue"));
        assertThat(api.cors().allowOrigins()).containsExactly("https://example.com");
        assertThat(api.cors().exposeHeaders()).containsExactly("X-Request-Id");
        assertThat(api.cors().maxAge()).isEqualTo(60);
        assertThat(api.authorizers()).containsExactly(entry("Lambda", new LambdaAuthorizer("Lambda", "REQUEST",
                "Authorizer", List.of("$request.header.Authorization"), Duration.ofSeconds(30), true, "2.0")));
        assertThat(api.routes()).extracting(ApiRoute::routeKey, ApiRoute::authorizer)
                .containsExactly(tuple("GET /docs", "Lambda"), tuple("GET /secure", "Lambda"),
                        tuple("GET /public", null));
        assertThat(api.routes().getFirst().integration().payloadFormatVersion()).isEqualTo("1.0");
        assertThat(loaded.warnings()).containsExactly("Api: GET /jwt: authorizer 'Jwt' is not served "
                + "(JWT authorizers are not served yet); the route is left out");
        assertThat(api.warnings()).isEqualTo(loaded.warnings());
    }

    @Test
    void load_withCorsConfigurationTrue_allowsAnyOrigin() {
        LoadedTemplate loaded = fixture.load(sam("", """
                Api:
                  Type: AWS::Serverless::HttpApi
                  Properties: {CorsConfiguration: true}
                """));

        assertThat(loaded.apis().getFirst().cors().allowOrigins()).containsExactly("*");
    }

    @Test
    void load_whenAuthorizerLacksPayloadFormatVersion_failsAsSamDoes() {
        TemplateException e = fixture.loadFails(sam("", """
                Api:
                  Type: AWS::Serverless::HttpApi
                  Properties:
                    Auth:
                      Authorizers:
                        Lambda:
                          FunctionArn: !GetAtt Hello.Arn
                """));

        fixture.assertProblem(e, 14, "Resources.Api.Properties.Auth.Authorizers.Lambda."
                + "AuthorizerPayloadFormatVersion", "required: expected '1.0' or '2.0'");
    }
}

package dev.overtime.platform.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import dev.overtime.platform.apigateway.ApiDefinition;
import dev.overtime.platform.apigateway.ApiDefinition.ValidatorSpec;
import dev.overtime.platform.apigateway.ApiRoute;
import dev.overtime.platform.apigateway.Integration;
import dev.overtime.platform.apigateway.Integration.IntegrationResponse;
import dev.overtime.platform.apigateway.LambdaAuthorizer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an OpenAPI definition's paths, integrations, models, validators and security schemes become. */
class OpenApiRoutesTest {

    private static final String URI = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
            + "arn:aws:lambda:us-east-1:123456789012:function:Hello/invocations";

    @TempDir
    Path dir;

    private TemplateFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new TemplateFixture(dir);
    }

    /** Function Hello on lines 2-4 and REST API Api on lines 5-9, whose definition starts on line 10. */
    private LoadedTemplate load(String definition) {
        return fixture.load(template(definition));
    }

    private static String template(String definition) {
        return """
                Resources:
                  Hello:
                    Type: AWS::Lambda::Function
                    Properties: {Runtime: java21, Handler: example.Hello, Code: hello.jar}
                  Api:
                    Type: AWS::Serverless::Api
                    Properties:
                      StageName: Prod
                      DefinitionBody:
                """ + definition.replace("$URI", URI).indent(8);
    }

    @Test
    void read_requestParameters_mapTheInvocationTypeHeader() {
        ApiDefinition api = load("""
                swagger: "2.0"
                paths:
                  /always-async:
                    post:
                      x-amazon-apigateway-integration:
                        type: aws
                        uri: $URI
                        requestParameters:
                          integration.request.header.X-Amz-Invocation-Type: "'Event'"
                  /caller-chooses:
                    post:
                      parameters:
                        - {in: header, name: InvocationType, required: true, type: string}
                        - {in: query, name: trace, required: false, type: string}
                      x-amazon-apigateway-integration:
                        type: aws
                        uri: $URI
                        requestParameters:
                          integration.request.header.X-Amz-Invocation-Type: method.request.header.InvocationType
                """).apis().getFirst();

        assertThat(api.routes().get(0).integration().requestParameters())
                .containsExactly(entry("integration.request.header.X-Amz-Invocation-Type", "'Event'"));
        ApiRoute chooses = api.routes().get(1);
        assertThat(chooses.integration().requestParameters()).containsExactly(
                entry("integration.request.header.X-Amz-Invocation-Type", "method.request.header.InvocationType"));
        assertThat(chooses.requiredParameters()).containsExactly("method.request.header.InvocationType");
    }

    @Test
    void read_integration_readsResponsesTimeoutStreamingAndPassthrough() {
        ApiDefinition api = load("""
                openapi: 3.0.1
                paths:
                  /work:
                    post:
                      x-amazon-apigateway-integration:
                        type: AWS
                        uri: $URI
                        passthroughBehavior: never
                        timeoutInMillis: 120000
                        responses:
                          ".*Malformed.*":
                            statusCode: 400
                            responseTemplates: {application/json: '{"message": "bad"}'}
                          default:
                            statusCode: "202"
                            responseParameters: {method.response.header.X-Mode: "'async'"}
                  /stream:
                    get:
                      x-amazon-apigateway-integration:
                        type: aws_proxy
                        uri: $URI
                        responseTransferMode: STREAM
                """).apis().getFirst();

        Integration work = api.routes().get(0).integration();
        assertThat(work.passthroughBehavior()).isEqualTo("NEVER");
        assertThat(work.timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(work.stream()).isFalse();
        assertThat(work.responses()).containsExactly(
                new IntegrationResponse(".*Malformed.*", "400", Map.of("application/json", "{\"message\": \"bad\"}"),
                        Map.of()),
                new IntegrationResponse("default", "202", Map.of(),
                        Map.of("method.response.header.X-Mode", "'async'")));
        Integration stream = api.routes().get(1).integration();
        assertThat(stream.stream()).isTrue();
        assertThat(stream.passthroughBehavior()).isEqualTo("WHEN_NO_MATCH");
    }

    @Test
    void read_streamingInvocationUri_streams() {
        ApiDefinition api = load("""
                paths:
                  /stream:
                    get:
                      x-amazon-apigateway-integration:
                        type: aws_proxy
                        uri: arn:aws:apigateway:us-east-1:lambda:path/2021-11-15/functions/arn:aws:lambda:us-east-1:123456789012:function:Hello/response-streaming-invocations
                """).apis().getFirst();

        assertThat(api.routes().getFirst().integration().stream()).isTrue();
    }

    @Test
    void read_methodsNotServed_areLeftOutWithWarnings() {
        LoadedTemplate loaded = load("""
                paths:
                  /none:
                    get:
                      summary: no integration
                  /http:
                    get:
                      x-amazon-apigateway-integration: {type: http_proxy, uri: "https://example.com"}
                  /dynamo:
                    post:
                      x-amazon-apigateway-integration:
                        type: aws
                        uri: arn:aws:apigateway:us-east-1:dynamodb:action/PutItem
                x-amazon-apigateway-binary-media-types: [image/png]
                """);

        assertThat(loaded.apis().getFirst().routes()).isEmpty();
        assertThat(loaded.warnings()).containsExactly(
                "Api: x-amazon-apigateway-binary-media-types: binary media types are not served yet",
                "Api: GET /none: no x-amazon-apigateway-integration; the route is left out",
                "Api: GET /http: HTTP integrations are not served yet; the route is left out",
                "Api: POST /dynamo: uri 'arn:aws:apigateway:us-east-1:dynamodb:action/PutItem' does not invoke a "
                        + "template function; only Lambda integrations are served; the route is left out");
    }

    @Test
    void read_validators_methodsWinOverTheApiDefault() {
        ApiDefinition api = load("""
                x-amazon-apigateway-request-validators:
                  all: {validateRequestBody: true, validateRequestParameters: true}
                  params: {validateRequestParameters: true}
                x-amazon-apigateway-request-validator: all
                paths:
                  /a:
                    get:
                      x-amazon-apigateway-integration: {type: aws_proxy, uri: $URI}
                  /b:
                    get:
                      x-amazon-apigateway-request-validator: params
                      x-amazon-apigateway-integration: {type: aws_proxy, uri: $URI}
                """).apis().getFirst();

        assertThat(api.validators()).containsOnly(entry("all", new ValidatorSpec(true, true)),
                entry("params", new ValidatorSpec(false, true)));
        assertThat(api.defaultValidator()).isEqualTo("all");
        assertThat(api.routes()).extracting(ApiRoute::path, ApiRoute::validator)
                .containsExactly(tuple("/a", "all"), tuple("/b", "params"));
    }

    @Test
    void read_unknownValidator_failsNamingIt() {
        TemplateException e = fixture.loadFails(template("""
                paths:
                  /a:
                    get:
                      x-amazon-apigateway-request-validator: nope
                """));

        fixture.assertProblem(e, 13, "Resources.Api.Properties.DefinitionBody.paths./a.get."
                + "x-amazon-apigateway-request-validator", "found 'nope'");
    }

    @Test
    void read_openApi3_readsComponentsSchemasAndRequestBodies() {
        ApiDefinition api = load("""
                openapi: 3.0.1
                components:
                  schemas:
                    Order:
                      type: object
                      required: [id]
                      properties:
                        id: {type: integer, minimum: 1}
                        price: {type: number, multipleOf: 0.01}
                  requestBodies:
                    OrderBody:
                      content:
                        application/json:
                          schema: {$ref: "#/components/schemas/Order"}
                paths:
                  /orders:
                    put:
                      requestBody: {$ref: "#/components/requestBodies/OrderBody"}
                      x-amazon-apigateway-integration: {type: aws_proxy, uri: $URI}
                    post:
                      requestBody:
                        content:
                          application/json:
                            schema: {$ref: "#/components/schemas/Order"}
                      x-amazon-apigateway-integration: {type: aws_proxy, uri: $URI}
                  /orders/{id}/notes:
                    post:
                      parameters:
                        - {in: path, name: id, required: true, schema: {type: string}}
                      requestBody:
                        content:
                          text/plain:
                            schema: {type: string, maxLength: 200}
                      x-amazon-apigateway-integration: {type: aws_proxy, uri: $URI}
                """).apis().getFirst();

        assertThat(api.models()).containsOnlyKeys("Order", "PostOrdersIdNotesBody");
        assertThat(api.models().get("Order").get("properties").get("id").get("minimum").asInt()).isEqualTo(1);
        assertThat(api.models().get("Order").get("properties").get("price").get("multipleOf").asDouble())
                .isEqualTo(0.01);
        assertThat(api.models().get("PostOrdersIdNotesBody").get("maxLength").asInt()).isEqualTo(200);
        assertThat(api.routes()).extracting(ApiRoute::routeKey, ApiRoute::requestModels).containsExactly(
                tuple("PUT /orders", Map.of("application/json", "Order")),
                tuple("POST /orders", Map.of("application/json", "Order")),
                tuple("POST /orders/{id}/notes", Map.of("text/plain", "PostOrdersIdNotesBody")));
        assertThat(api.routes().get(2).requiredParameters()).containsExactly("method.request.path.id");
    }

    @Test
    void read_unknownModelReference_failsNamingIt() {
        TemplateException e = fixture.loadFails(template("""
                swagger: "2.0"
                paths:
                  /a:
                    post:
                      parameters:
                        - in: body
                          name: body
                          schema:
                            $ref: "#/definitions/Nope"
                """));

        fixture.assertProblem(e, 18, "Resources.Api.Properties.DefinitionBody.paths./a.post.parameters[0].schema.$ref",
                "expected a reference to a model the definition declares, found '#/definitions/Nope'");
    }

    @Test
    void read_security_readsAuthorizersApiKeysAndIam() {
        LoadedTemplate loaded = load("""
                swagger: "2.0"
                securityDefinitions:
                  api_key: {type: apiKey, name: x-api-key, in: header}
                  sigv4: {type: apiKey, name: Authorization, in: header, x-amazon-apigateway-authtype: awsSigv4}
                  ByToken:
                    type: apiKey
                    name: X-Token
                    in: header
                    x-amazon-apigateway-authtype: custom
                    x-amazon-apigateway-authorizer:
                      type: token
                      authorizerUri: $URI
                      authorizerResultTtlInSeconds: 0
                      identityValidationExpression: '^Bearer .+$'
                  ByRequest:
                    type: apiKey
                    name: Unused
                    in: header
                    x-amazon-apigateway-authorizer:
                      type: request
                      authorizerUri: $URI
                      identitySource: method.request.header.X-User, method.request.querystring.tenant
                  Pool:
                    type: apiKey
                    name: Authorization
                    in: header
                    x-amazon-apigateway-authorizer: {type: cognito_user_pools, providerARNs: [arn]}
                security:
                  - ByToken: []
                paths:
                  /default:
                    get:
                      x-amazon-apigateway-integration: {type: aws_proxy, uri: $URI}
                  /keyed:
                    get:
                      security: [{ByRequest: [], api_key: []}]
                      x-amazon-apigateway-integration: {type: aws_proxy, uri: $URI}
                  /open:
                    get:
                      security: []
                      x-amazon-apigateway-integration: {type: aws_proxy, uri: $URI}
                  /iam:
                    get:
                      security: [{sigv4: []}]
                      x-amazon-apigateway-integration: {type: aws_proxy, uri: $URI}
                  /pool:
                    get:
                      security: [{Pool: []}]
                      x-amazon-apigateway-integration: {type: aws_proxy, uri: $URI}
                """);

        ApiDefinition api = loaded.apis().getFirst();
        assertThat(api.authorizers()).containsOnlyKeys("ByToken", "ByRequest");
        assertThat(api.authorizers().get("ByToken")).isEqualTo(new LambdaAuthorizer("ByToken", "TOKEN", "Hello",
                List.of("method.request.header.X-Token"), Duration.ZERO, false, null, "^Bearer .+$"));
        assertThat(api.authorizers().get("ByRequest").identitySources())
                .containsExactly("method.request.header.X-User", "method.request.querystring.tenant");
        assertThat(api.authorizers().get("ByRequest").cacheTtl()).isEqualTo(Duration.ofSeconds(300));
        assertThat(api.routes()).extracting(ApiRoute::path, ApiRoute::authorizer, ApiRoute::apiKeyRequired)
                .containsExactly(tuple("/default", "ByToken", false), tuple("/keyed", "ByRequest", true),
                        tuple("/open", null, false), tuple("/iam", "AWS_IAM", false));
        assertThat(loaded.warnings()).containsExactly(
                "Api: GET /pool: authorizer 'Pool' is not served (Cognito user pool authorizers are not served yet); "
                        + "the route is left out",
                "Api: AWS_IAM routes check SigV4 and IAM policies under serve --auth iam; without it they are served open");
    }

    @Test
    void read_stageVariableInUri_isFilledInFromTheStage() {
        LoadedTemplate loaded = fixture.load("""
                Resources:
                  Hello:
                    Type: AWS::Lambda::Function
                    Properties: {Runtime: java21, Handler: example.Hello, Code: hello.jar}
                  Api:
                    Type: AWS::Serverless::Api
                    Properties:
                      StageName: Prod
                      Variables: {fn: "Hello:live"}
                      DefinitionBody:
                        paths:
                          /x:
                            get:
                              x-amazon-apigateway-integration:
                                type: aws_proxy
                                uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${stageVariables.fn}/invocations
                          /y:
                            get:
                              x-amazon-apigateway-integration:
                                type: aws_proxy
                                uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${stageVariables.other}/invocations
                """);

        Integration integration = loaded.apis().getFirst().routes().getFirst().integration();
        assertThat(integration.functionName()).isEqualTo("Hello");
        assertThat(integration.qualifier()).isEqualTo("live");
        assertThat(loaded.apis().getFirst().routes()).hasSize(1);
        assertThat(loaded.warnings()).singleElement().asString().startsWith("Api: GET /y: uri ");
    }
}

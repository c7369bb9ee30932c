package dev.overtime.platform.security;

import dev.overtime.platform.appsync.AuthMode;
import dev.overtime.platform.appsync.DataSource;
import dev.overtime.platform.appsync.GraphQlApiDefinition;
import dev.overtime.platform.appsync.ResolverCode;
import dev.overtime.platform.appsync.ResolverDefinition;
import dev.overtime.platform.environment.EnvironmentSettings;
import dev.overtime.platform.server.Platform;
import dev.overtime.platform.server.PlatformConfig;
import dev.overtime.platform.template.LoadedTemplate;
import dev.overtime.platform.template.TemplateContext;
import dev.overtime.platform.template.TemplateLoader;
import dev.overtime.platform.testing.SdkSigner;
import dev.overtime.platform.testing.TestFunctions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** AWS_IAM auth on an HTTP API route ({@code execute-api:Invoke}) and on a GraphQL API ({@code appsync:GraphQL}). */
class IamRoutesTest {

    private static final AwsCredentialsIdentity CALLER = AwsCredentialsIdentity.create("AKIACALLER000000001", "callersecret");
    private static final AwsCredentialsIdentity STRANGER =
            AwsCredentialsIdentity.create("AKIASTRANGER0000001", "strangersecret");

    @TempDir
    static Path dir;
    static Platform platform;

    @BeforeAll
    static void start() throws Exception {
        Path iam = Files.writeString(dir.resolve("iam.yaml"), """
                principals:
                  - name: caller
                    accessKeyId: AKIACALLER000000001
                    secretAccessKey: callersecret
                    policies:
                      - Statement:
                          - {Effect: Allow, Action: "execute-api:Invoke", Resource: "arn:aws:execute-api:*:*:*/*/GET/signed"}
                          - {Effect: Allow, Action: "appsync:GraphQL", Resource: "arn:aws:appsync:*:*:apis/*/types/Query/fields/open"}
                  - name: stranger
                    accessKeyId: AKIASTRANGER0000001
                    secretAccessKey: strangersecret
                    policies:
                      - Statement: [{Effect: Allow, Action: "lambda:InvokeFunction", Resource: "*"}]
                """);
        Path template = Files.writeString(dir.resolve("template.yaml"), """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Echo:
                    Type: AWS::Serverless::Function
                    Properties:
                      FunctionName: caller-echo
                      Runtime: java21
                      Handler: dev.overtime.platform.testfunctions.CallerEcho
                      CodeUri: %s
                      Events:
                        Signed:
                          Type: HttpApi
                          Properties: {Path: /signed, Method: GET, Auth: {Authorizer: AWS_IAM}}
                """.formatted(TestFunctions.testClasses()));
        LoadedTemplate loaded = TemplateLoader.load(template, Map.of(), TemplateContext.defaultsFor(template));
        String constant = "{\"version\":\"2018-05-29\",\"payload\":\"for $ctx.identity.userArn\"}";
        GraphQlApiDefinition graphQl = new GraphQlApiDefinition("SignedApi", "signedapi000000000000000000",
                "signed", List.of(AuthMode.AWS_IAM), List.of(), "type Query { open: String closed: String }",
                List.of(new DataSource.None("local")),
                List.of(new ResolverDefinition("Query", "open", "local", List.of(), new ResolverCode.Vtl(constant, null), 0),
                        new ResolverDefinition("Query", "closed", "local", List.of(),
                                new ResolverCode.Vtl(constant, null), 0)),
                List.of());
        PlatformConfig config = new PlatformConfig("127.0.0.1", 0, EnvironmentSettings.defaults(dir.resolve("data"))
                .withEcho(false)).withConsole(new PrintStream(new ByteArrayOutputStream()))
                .withAuth(AuthSettings.iam(iam));
        platform = Platform.start(config, loaded.functions(), List.of(), Map.of(), Map.of(), loaded.apis(),
                List.of(graphQl));
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void httpApiIamRoute_answersSignedAllowedCallers_withTheCallerInTheEvent() {
        URI route = URI.create(platform.apis().iterator().next().url() + "/signed");
        HttpResponse<String> unsigned = SdkSigner.send(HttpRequest.newBuilder(route).GET().build());
        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(unsigned.body()).contains("Missing Authentication Token");

        HttpResponse<String> signed = SdkSigner.send(new SdkSigner(CALLER, "execute-api").sign("GET", route, "",
                Map.of(), r -> { }));
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
        assertThat(signed.body()).contains("iam={accessKey=AKIACALLER000000001", "accountId=123456789012",
                "userArn=arn:aws:iam::123456789012:user/caller");

        HttpResponse<String> denied = SdkSigner.send(new SdkSigner(STRANGER, "execute-api").sign("GET", route, "",
                Map.of(), r -> { }));
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body()).contains("is not authorized to perform: execute-api:Invoke on resource: "
                + "arn:aws:execute-api:us-east-1:123456789012:");
    }

    @Test
    void graphQlIamMode_checksTheSignatureAndEachRootField() {
        URI url = URI.create(platform.graphQlApis().iterator().next().graphQlUrl());
        SdkSigner caller = new SdkSigner(CALLER, "appsync");
        HttpResponse<String> allowed = SdkSigner.send(caller.sign("POST", url, "{\"query\":\"{ open }\"}",
                Map.of("content-type", "application/json"), r -> { }));
        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
        assertThat(allowed.body()).contains("for arn:aws:iam::123456789012:user/caller");

        HttpResponse<String> closedField = SdkSigner.send(caller.sign("POST", url, "{\"query\":\"{ open closed }\"}",
                Map.of("content-type", "application/json"), r -> { }));
        assertThat(closedField.statusCode()).isEqualTo(401);
        assertThat(closedField.body()).contains("UnauthorizedException", "types/Query/fields/closed");

        HttpResponse<String> badSecret = SdkSigner.send(new SdkSigner(AwsCredentialsIdentity.create(
                "AKIACALLER000000001", "wrong"), "appsync").sign("POST", url, "{\"query\":\"{ open }\"}",
                Map.of("content-type", "application/json"), r -> { }));
        assertThat(badSecret.statusCode()).isEqualTo(401);
        assertThat(badSecret.body()).contains("signature we calculated does not match");
    }
}

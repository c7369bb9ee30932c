package dev.overtime.platform.security;

import dev.overtime.platform.environment.EnvironmentSettings;
import dev.overtime.platform.function.FunctionUrlDefinition;
import dev.overtime.platform.server.Platform;
import dev.overtime.platform.server.PlatformConfig;
import dev.overtime.platform.testfunctions.Greeter;
import dev.overtime.platform.testfunctions.CallerEcho;
import dev.overtime.platform.testing.Eventually;
import dev.overtime.platform.testing.SdkSigner;
import dev.overtime.platform.testing.TestFunctions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code serve --auth iam}: the real AWS SDK against SigV4 verification and IAM policies, with right
 * and wrong keys, session tokens, presigned URLs, aws-chunked payloads and paths that normalise to
 * another function.
 */
class SignedLambdaApiTest {

    private static final String IAM = """
            principals:
              - name: invoker
                accessKeyId: AKIAINVOKER00000001
                secretAccessKey: invokersecret
                policies:
                  - Version: "2012-10-17"
                    Statement:
                      - {Effect: Allow, Action: "lambda:InvokeFunction", Resource: "arn:aws:lambda:*:*:function:Greeter"}
                      - {Effect: Allow, Action: "lambda:InvokeFunctionUrl", Resource: "arn:aws:lambda:*:*:function:UrlCaller"}
              - name: temporary
                accessKeyId: ASIATEMPORARY000001
                secretAccessKey: temporarysecret
                sessionToken: session-token-1
                policies:
                  - Version: "2012-10-17"
                    Statement: [{Effect: Allow, Action: "lambda:Get*", Resource: "*"}]
              - name: operator
                accessKeyId: AKIAOPERATOR0000001
                secretAccessKey: operatorsecret
                policies:
                  - Version: "2012-10-17"
                    Statement:
                      - {Effect: Allow, Action: "*", Resource: "*"}
                      - {Effect: Deny, Action: "lambda:GetFunction", Resource: "arn:aws:lambda:*:*:function:Greeter"}
            """;

    @TempDir
    static Path data;
    static Path iamFile;
    static Platform platform;
    static final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @BeforeAll
    static void start() throws Exception {
        iamFile = data.resolve("iam.yaml");
        Files.writeString(iamFile, IAM);
        PlatformConfig config = new PlatformConfig("127.0.0.1", 0, EnvironmentSettings.defaults(data.resolve("data"))
                .withEcho(false)).withConsole(new PrintStream(console, true, StandardCharsets.UTF_8))
                .withAuth(AuthSettings.iam(iamFile).withPermissions(List.of(
                        new FunctionPermission("lambda:InvokeFunction", "arn:aws:iam::123456789012:user/temporary",
                                "Greeter", null, null, null, null),
                        // An account principal delegates to the account's IAM policies: it grants no user anything.
                        new FunctionPermission("lambda:InvokeFunction", "123456789012", "Other", null, null, null, null))));
        platform = Platform.start(config, List.of(TestFunctions.java("Greeter", Greeter.class),
                        TestFunctions.java("Other", Greeter.class), TestFunctions.java("UrlCaller", CallerEcho.class)),
                List.of(new FunctionUrlDefinition("UrlCaller", FunctionUrlDefinition.InvokeMode.BUFFERED, null, null,
                        FunctionUrlDefinition.AuthType.AWS_IAM)));
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static LambdaClient lambda(AwsCredentials credentials) {
        return LambdaClient.builder().endpointOverride(platform.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)).build())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    private static final AwsBasicCredentials INVOKER = AwsBasicCredentials.create("AKIAINVOKER00000001", "invokersecret");
    private static final AwsCredentialsIdentity INVOKER_IDENTITY =
            AwsCredentialsIdentity.create("AKIAINVOKER00000001", "invokersecret");

    private static String invokeGreeter(AwsCredentials credentials) {
        try (LambdaClient client = lambda(credentials)) {
            InvokeResponse response = client.invoke(b -> b.functionName("Greeter")
                    .payload(SdkBytes.fromUtf8String("{\"name\":\"Ada\"}")));
            return response.payload().asUtf8String();
        }
    }

    private static AwsServiceException refusal(Runnable call) {
        try {
            call.run();
        } catch (AwsServiceException e) {
            return e;
        }
        throw new AssertionError("the call was allowed");
    }

    /** Decisions are logged by a writer thread of their own, a little after they are made. */
    private static void logged(String line) {
        Eventually.await("the console shows: " + line, Duration.ofSeconds(30),
                () -> console.toString(StandardCharsets.UTF_8).contains(line));
    }

    private URI invocations(String function) {
        return platform.endpoint().resolve("/2015-03-31/functions/" + function + "/invocations");
    }

    @Test
    void invoke_withTheRightKey_runsTheFunction() {
        assertThat(invokeGreeter(INVOKER)).contains("Hello, Ada!");
        logged("auth ALLOW principal=arn:aws:iam::123456789012:user/invoker action=lambda:InvokeFunction "
                + "resource=arn:aws:lambda:us-east-1:123456789012:function:Greeter");
    }

    @Test
    void invoke_withAWrongSecret_isInvalidSignature() {
        AwsServiceException e = refusal(() -> invokeGreeter(AwsBasicCredentials.create("AKIAINVOKER00000001", "wrong")));
        assertThat(e.statusCode()).isEqualTo(403);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
        assertThat(e.awsErrorDetails().errorMessage()).startsWith("The request signature we calculated does not match");
    }

    @Test
    void invoke_withAnUnknownKey_isUnrecognizedClient() {
        AwsServiceException e = refusal(() -> invokeGreeter(AwsBasicCredentials.create("AKIANOBODY000000001", "x")));
        assertThat(e.statusCode()).isEqualTo(403);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The security token included in the request is invalid.");
    }

    @Test
    void invoke_unsigned_isMissingAuthenticationToken() {
        HttpResponse<String> response = SdkSigner.send(HttpRequest.newBuilder(invocations("Greeter"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("MissingAuthenticationTokenException");
        assertThat(response.body()).contains("Missing Authentication Token");
    }

    @Test
    void getFunction_notInThePolicy_isAccessDenied() {
        AwsServiceException e = refusal(() -> {
            try (LambdaClient client = lambda(INVOKER)) {
                client.getFunction(b -> b.functionName("Greeter"));
            }
        });
        assertThat(e.statusCode()).isEqualTo(403);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::123456789012:user/invoker is not "
                + "authorized to perform: lambda:GetFunction on resource: arn:aws:lambda:us-east-1:123456789012:"
                + "function:Greeter because no identity-based policy allows the lambda:GetFunction action");
        logged("auth DENY principal=arn:aws:iam::123456789012:user/invoker action=lambda:GetFunction");
    }

    @Test
    void explicitDeny_winsOverAnAllowEverything() {
        try (LambdaClient client = lambda(AwsBasicCredentials.create("AKIAOPERATOR0000001", "operatorsecret"))) {
            assertThat(client.listFunctions().functions()).hasSize(3);
            assertThat(client.getFunction(b -> b.functionName("Other")).configuration().functionName()).isEqualTo("Other");
            AwsServiceException e = refusal(() -> client.getFunction(b -> b.functionName("Greeter")));
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            assertThat(e.awsErrorDetails().errorMessage()).endsWith("with an explicit deny in an identity-based policy");
        }
    }

    @Test
    void sessionCredentials_needTheirToken() {
        try (LambdaClient client = lambda(AwsSessionCredentials.create("ASIATEMPORARY000001", "temporarysecret",
                "session-token-1"))) {
            assertThat(client.getFunctionConfiguration(b -> b.functionName("Other")).functionName()).isEqualTo("Other");
        }
        for (AwsCredentials wrong : List.of(
                AwsSessionCredentials.create("ASIATEMPORARY000001", "temporarysecret", "session-token-2"),
                AwsBasicCredentials.create("ASIATEMPORARY000001", "temporarysecret"))) {
            AwsServiceException e = refusal(() -> {
                try (LambdaClient client = lambda(wrong)) {
                    client.getFunctionConfiguration(b -> b.functionName("Other"));
                }
            });
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
        }
    }

    @Test
    void resourcePolicy_grantsWhatTheIdentityPolicyDoesNot() {
        AwsSessionCredentials temporary = AwsSessionCredentials.create("ASIATEMPORARY000001", "temporarysecret",
                "session-token-1");
        assertThat(invokeGreeter(temporary)).contains("Hello, Ada!");
        try (LambdaClient client = lambda(temporary)) {
            AwsServiceException e = refusal(() -> client.invoke(b -> b.functionName("Other")));
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
        }
    }

    @Test
    void presignedUrl_invokesUntilItExpires() {
        SdkSigner signer = new SdkSigner(INVOKER_IDENTITY, "lambda");
        HttpResponse<String> fresh = SdkSigner.send(signer.sign("POST", invocations("Greeter"), "{\"name\":\"Grace\"}",
                Map.of(), SdkSigner.presigned(Duration.ofMinutes(5), Clock.systemUTC())));
        assertThat(fresh.statusCode()).isEqualTo(200);
        assertThat(fresh.body()).contains("Hello, Grace!");

        Clock anHourAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
        HttpResponse<String> expired = SdkSigner.send(signer.sign("POST", invocations("Greeter"), "{}", Map.of(),
                SdkSigner.presigned(Duration.ofMinutes(5), anHourAgo)));
        assertThat(expired.statusCode()).isEqualTo(403);
        assertThat(expired.headers().firstValue("x-amzn-ErrorType")).contains("InvalidSignatureException");
        assertThat(expired.body()).contains("Signature expired");
    }

    @Test
    void signedHeader_olderThanTheClockSkew_isExpired() {
        Clock tenMinutesAgo = Clock.fixed(Instant.now().minus(Duration.ofMinutes(10)), ZoneOffset.UTC);
        HttpResponse<String> response = SdkSigner.send(new SdkSigner(INVOKER_IDENTITY, "lambda").sign("POST",
                invocations("Greeter"), "{}", Map.of(), r -> r.putProperty(HttpSigner.SIGNING_CLOCK, tenMinutesAgo)));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("InvalidSignatureException");
        assertThat(response.body()).contains("Signature expired: ");
    }

    @Test
    void chunkedSignedPayload_isVerifiedAndDecoded() {
        HttpRequest request = new SdkSigner(INVOKER_IDENTITY, "lambda").sign("POST", invocations("Greeter"),
                "{\"name\":\"Chunky\"}", Map.of(), r -> r.putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, true)
                        .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true));
        assertThat(request.headers().firstValue("x-amz-content-sha256")).contains("STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
        HttpResponse<String> response = SdkSigner.send(request);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Hello, Chunky!");
    }

    @Test
    void unsignedPayload_isAcceptedAsSigned() {
        HttpResponse<String> response = SdkSigner.send(new SdkSigner(INVOKER_IDENTITY, "lambda").sign("POST",
                invocations("Greeter"), "{\"name\":\"Unsigned\"}", Map.of(),
                r -> r.putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Hello, Unsigned!");
    }

    @Test
    void aBodyThatIsNotTheSignedOne_isRefused() {
        HttpRequest signed = new SdkSigner(INVOKER_IDENTITY, "lambda").sign("POST", invocations("Greeter"),
                "{\"name\":\"Ada\"}", Map.of(), r -> { });
        HttpRequest.Builder tampered = HttpRequest.newBuilder(signed.uri())
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Eve\"}"));
        signed.headers().map().forEach((name, values) -> values.forEach(v -> tampered.header(name, v)));
        HttpResponse<String> response = SdkSigner.send(tampered.build());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("InvalidSignatureException");
    }

    @Test
    void thePolicyAppliesToTheFunctionThePathReaches() {
        SdkSigner signer = new SdkSigner(INVOKER_IDENTITY, "lambda");
        for (String path : List.of("/2015-03-31/functions/Greeter/../Other/invocations",
                "/2015-03-31/functions/Oth%65r/invocations", "/2015-03-31/functions/Other;x=1/invocations")) {
            HttpResponse<String> response = SdkSigner.send(signer.sign("POST", platform.endpoint().resolve(
                    URI.create(platform.endpoint() + path)), "{}", Map.of(), r -> { }));
            assertThat(response.statusCode()).as(path).isEqualTo(403);
            assertThat(response.headers().firstValue("x-amzn-ErrorType")).as(path).contains("AccessDeniedException");
            assertThat(response.body()).as(path).contains("on resource: arn:aws:lambda:us-east-1:123456789012:function:Other ");
        }
    }

    @Test
    void malformedOrMisScopedSignatures_getAwsErrors() {
        String now = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .format(Instant.now().atOffset(ZoneOffset.UTC));
        for (String authorization : List.of("Basic aW52b2tlcjpzZWNyZXQ=",
                "AWS4-HMAC-SHA256 Credential=AKIAINVOKER00000001/" + now.substring(0, 8) + "/us-east-1/lambda/aws4_request")) {
            HttpResponse<String> response = SdkSigner.send(HttpRequest.newBuilder(invocations("Greeter"))
                    .header("Authorization", authorization).header("X-Amz-Date", now)
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
            assertThat(response.statusCode()).as(authorization).isEqualTo(403);
            assertThat(response.headers().firstValue("x-amzn-ErrorType")).as(authorization)
                    .contains("IncompleteSignatureException");
        }
        HttpResponse<String> otherRegion = SdkSigner.send(new SdkSigner(INVOKER_IDENTITY, "lambda").sign("POST",
                invocations("Greeter"), "{}", Map.of(), r -> r.putProperty(
                        software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.REGION_NAME, "eu-west-1")));
        assertThat(otherRegion.headers().firstValue("x-amzn-ErrorType")).contains("InvalidSignatureException");
        assertThat(otherRegion.body()).contains("Credential should be scoped to a valid region");
        HttpResponse<String> otherService = SdkSigner.send(new SdkSigner(INVOKER_IDENTITY, "s3").sign("POST",
                invocations("Greeter"), "{}", Map.of(), r -> { }));
        assertThat(otherService.headers().firstValue("x-amzn-ErrorType")).contains("InvalidSignatureException");
        assertThat(otherService.body()).contains("Credential should be scoped to correct service: 'lambda'");
    }

    @Test
    void overtimeRoutes_needTheirOwnActions() {
        HttpResponse<String> unsigned = SdkSigner.send(HttpRequest.newBuilder(
                platform.endpoint().resolve("/overtime/environments")).GET().build());
        assertThat(unsigned.statusCode()).isEqualTo(403);
        HttpResponse<String> invoker = SdkSigner.send(new SdkSigner(INVOKER_IDENTITY, "lambda").sign("GET",
                platform.endpoint().resolve("/overtime/environments"), "", Map.of(), r -> { }));
        assertThat(invoker.statusCode()).isEqualTo(403);
        assertThat(invoker.body()).contains("not authorized to perform: overtime:ListEnvironments");
        HttpResponse<String> operator = SdkSigner.send(new SdkSigner(AwsCredentialsIdentity.create("AKIAOPERATOR0000001",
                "operatorsecret"), "lambda").sign("GET", platform.endpoint().resolve("/overtime/environments"), "",
                Map.of(), r -> { }));
        assertThat(operator.statusCode()).isEqualTo(200);
        assertThat(operator.body()).contains("\"functions\"");
    }

    @Test
    void functionUrlWithIamAuth_answersSignedCallersOnly() {
        URI url = URI.create(platform.functionUrl("UrlCaller").orElseThrow() + "hello");
        HttpResponse<String> unsigned = SdkSigner.send(HttpRequest.newBuilder(url)
                .POST(HttpRequest.BodyPublishers.ofString("hi")).build());
        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(unsigned.body()).isEqualTo("{\"Message\":\"Forbidden\"}");

        HttpResponse<String> signed = SdkSigner.send(new SdkSigner(INVOKER_IDENTITY, "lambda").sign("POST", url, "hi",
                Map.of("content-type", "text/plain"), r -> { }));
        assertThat(signed.statusCode()).isEqualTo(200);
        assertThat(signed.body()).contains("accessKey=AKIAINVOKER00000001", "accountId=123456789012",
                "userArn=arn:aws:iam::123456789012:user/invoker", "callerId=AIDA", "body=hi");

        HttpResponse<String> notAllowed = SdkSigner.send(new SdkSigner(AwsSessionCredentialsIdentity.create(
                "ASIATEMPORARY000001", "temporarysecret", "session-token-1"), "lambda").sign("POST", url, "hi",
                Map.of(), r -> { }));
        assertThat(notAllowed.statusCode()).isEqualTo(403);
        assertThat(notAllowed.body()).isEqualTo("{\"Message\":\"Forbidden\"}");
    }

    @Test
    void rotatedKeys_takeEffectWithoutARestart() throws Exception {
        AwsBasicCredentials rotated = AwsBasicCredentials.create("AKIAROTATED00000001", "rotatedsecret");
        assertThat(refusal(() -> invokeGreeter(rotated)).awsErrorDetails().errorCode())
                .isEqualTo("UnrecognizedClientException");
        Files.writeString(iamFile, IAM + """
                  - name: rotated
                    accessKeyId: AKIAROTATED00000001
                    secretAccessKey: rotatedsecret
                    policies:
                      - Version: "2012-10-17"
                        Statement: [{Effect: Allow, Action: "lambda:InvokeFunction", Resource: "*"}]
                """);
        Eventually.await("the rotated key is accepted", Duration.ofSeconds(30), () -> {
            try {
                return invokeGreeter(rotated).contains("Hello, Ada!");
            } catch (AwsServiceException e) {
                return false;
            }
        });
        assertThat(invokeGreeter(INVOKER)).contains("Hello, Ada!");
    }
}

package dev.overtime.bench;

import dev.overtime.platform.security.iam.AccessRequest;
import dev.overtime.platform.security.iam.Decision;
import dev.overtime.platform.security.iam.Policy;
import dev.overtime.platform.security.iam.PolicyReader;
import dev.overtime.platform.security.sigv4.SignatureVerifier;
import dev.overtime.platform.security.sigv4.SignedRequest;
import dev.overtime.platform.security.sigv4.SigningSecret;
import org.eclipse.jetty.http.HttpFields;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.yaml.snakeyaml.Yaml;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The CPU that {@code serve --auth iam} spends on one warm invoke, isolated from I/O (JMH): verifying
 * the SigV4 signature of bench-auth's request (signed by the AWS SDK's {@code AwsV4HttpSigner}, its
 * signing key already cached), then evaluating the signer's policy (a Deny and an Allow statement).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AuthVerification {

    private static final byte[] EVENT = "{\"name\":\"Ada\",\"n\":12345}".getBytes(StandardCharsets.UTF_8);
    private static final String PATH = "/2015-03-31/functions/hello-java/invocations";
    private static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:hello-java";

    private SignatureVerifier verifier;
    private SignedRequest request;
    private List<Policy> policies;
    private final SigningSecret secret = new SigningSecret("bench-secret", null);

    @Setup
    public void sign() {
        Instant now = Instant.now();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create("AKIABENCH0000000001", "bench-secret"))
                .request(SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(URI.create("http://127.0.0.1" + PATH))
                        .putHeader("Content-Type", "application/json")
                        .putHeader("Content-Length", Integer.toString(EVENT.length)).build())
                .payload(ContentStreamProvider.fromByteArray(EVENT))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "lambda")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(now, ZoneOffset.UTC))).request();
        HttpFields.Mutable headers = HttpFields.build();
        signed.forEachHeader((name, values) -> values.forEach(value -> headers.add(name, value)));
        request = new SignedRequest("POST", PATH, null, headers.asImmutable());
        verifier = new SignatureVerifier(Clock.fixed(now, ZoneOffset.UTC), "us-east-1");
        policies = List.of(PolicyReader.read(new Yaml().load("""
                Version: "2012-10-17"
                Statement:
                  - {Effect: Deny, Action: "lambda:Delete*", Resource: "*"}
                  - {Effect: Allow, Action: ["lambda:InvokeFunction", "lambda:Get*"], Resource: "%s"}
                """.formatted(FUNCTION)), "bench"));
    }

    @Benchmark
    public Decision verifyAndAuthorize() throws Exception {
        verifier.verify(request, EVENT, key -> secret);
        return Policy.evaluate(policies, new AccessRequest("arn:aws:iam::123456789012:user/bench",
                "lambda:InvokeFunction", FUNCTION, Map.of("aws:sourceip", "127.0.0.1")));
    }
}

package dev.overtime.bench;

import dev.overtime.platform.function.FunctionDefinition;
import dev.overtime.platform.server.Platform;
import dev.overtime.platform.security.AuthSettings;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code serve --auth iam} adds to a warm invoke: SigV4 verification, the policy decision and its
 * log line. Two platforms run side by side in one JVM, both with serve's defaults, one of them with
 * {@code --auth iam} and a file of ten principals; each serves {@code hello-java} (a
 * {@code RequestHandler<Map, Map>} that logs a line per call). Three targets, one caller each, closed
 * loop over a keep-alive connection, in rounds whose order alternates:
 * <ul>
 *   <li>{@code --auth iam}, requests signed by the AWS SDK's {@code AwsV4HttpSigner} (signed again for each
 *       run of a target; the platform verifies every request in full, as it keeps no verdicts);</li>
 *   <li>serve's defaults with the very same signed requests, which it does not check (the headers'
 *       bytes cost the same on both sides, so the difference is the verification alone);</li>
 *   <li>serve's defaults with unsigned requests, what users of the default see.</li>
 * </ul>
 * Each figure is the median of the per-round p50 differences. Target: at most 30 µs at p50. Then
 * {@link AuthVerification} measures the verification and the policy decision alone with JMH.
 *
 * <p>Run: {@code ./overtime bench-auth [seconds per target] [rounds] [warm-up seconds]}.
 */
public final class AuthBenchmark {

    private static final byte[] EVENT = "{\"name\":\"Ada\",\"n\":12345}".getBytes(StandardCharsets.UTF_8);
    private static final String FUNCTION = "hello-java";
    private static final String INVOKE = "/2015-03-31/functions/" + FUNCTION + "/invocations";
    private static final String KEY = "AKIABENCH0000000004";
    private static final String SECRET = "bench-secret-4";

    public static void main(String[] args) throws Exception {
        BenchArguments arguments = new BenchArguments(args, "bench-auth [seconds] [rounds] [warm-up seconds]");
        double seconds = arguments.number(0, 5);
        int rounds = arguments.count(1, 8);
        double warmup = arguments.number(2, 10);
        FunctionDefinition hello = InvokeBenchmark.exampleFunction(FUNCTION);
        Path work = Files.createTempDirectory("overtime-auth-bench");
        Path iam = Files.writeString(work.resolve("iam.yaml"), principals(10));
        try (Platform open = Platform.start(ServeConfiguration.DEFAULTS.config(work.resolve("open")), List.of(hello));
             Platform checked = Platform.start(ServeConfiguration.DEFAULTS.config(work.resolve("checked"))
                     .withAuth(AuthSettings.iam(iam)), List.of(hello))) {
            Map<String, LoadDriver.Target> targets = new LinkedHashMap<>();
            targets.put("auth iam, signed", () -> new KeepAliveClient(checked.port(), "POST", INVOKE, signedHeaders(),
                    EVENT.length));
            targets.put("defaults, signed", () -> new KeepAliveClient(open.port(), "POST", INVOKE, signedHeaders(),
                    EVENT.length));
            targets.put("defaults, unsigned", () -> new KeepAliveClient(open.port(), "POST", INVOKE, "",
                    EVENT.length));
            System.out.println("warming up (" + warmup + " s per target, 1 caller)...");
            for (Map.Entry<String, LoadDriver.Target> target : targets.entrySet()) {
                LoadDriver.run("warmup " + target.getKey(), target.getValue(), EVENT, 1, warmup);
            }
            Map<String, List<LoadDriver.Result>> results = new LinkedHashMap<>();
            targets.keySet().forEach(name -> results.put(name, new ArrayList<>()));
            List<String> names = new ArrayList<>(targets.keySet());
            for (int round = 0; round < rounds; round++) {
                for (String name : round % 2 == 0 ? names : names.reversed()) {
                    results.get(name).add(LoadDriver.run(name, targets.get(name), EVENT, 1, seconds));
                }
            }
            System.out.print(report(results, seconds, warmup));
        } finally {
            WorkFolders.deleteQuietly(work);
        }
        System.out.println("\nVerification and policy evaluation alone (JMH, AuthVerification):");
        new org.openjdk.jmh.runner.Runner(new org.openjdk.jmh.runner.options.OptionsBuilder()
                .include(AuthVerification.class.getName()).build()).run();
    }

    /** The headers the SDK's signer adds to this benchmark's request, signed now (good for five minutes). */
    private static String signedHeaders() {
        // Signed for "Host: 127.0.0.1", the host header KeepAliveClient sends.
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
                .uri(URI.create("http://127.0.0.1" + INVOKE)).putHeader("Content-Type", "application/json")
                .putHeader("Content-Length", Integer.toString(EVENT.length)).build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(KEY, SECRET)).request(request)
                .payload(ContentStreamProvider.fromByteArray(EVENT))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "lambda")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request();
        StringBuilder headers = new StringBuilder();
        signed.forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Type")
                    && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(value -> headers.append(name).append(": ").append(value).append("\r\n"));
            }
        });
        return headers.toString();
    }

    /** {@code count} principals, each allowed to invoke one function; the benchmark signs as caller4. */
    private static String principals(int count) {
        StringBuilder yaml = new StringBuilder("principals:\n");
        for (int i = count - 1; i >= 0; i--) {
            String key = i == 4 ? KEY : String.format(Locale.ROOT, "AKIABENCH%010d", 100 + i);
            yaml.append("  - name: caller").append(i).append('\n')
                    .append("    accessKeyId: ").append(key).append('\n')
                    .append("    secretAccessKey: ").append(i == 4 ? SECRET : "secret" + i).append('\n')
                    .append("    policies:\n")
                    .append("      - Version: \"2012-10-17\"\n")
                    .append("        Statement:\n")
                    .append("          - {Effect: Deny, Action: \"lambda:Delete*\", Resource: \"*\"}\n")
                    .append("          - {Effect: Allow, Action: [\"lambda:InvokeFunction\", \"lambda:Get*\"], ")
                    .append("Resource: \"arn:aws:lambda:*:*:function:").append(i == 4 ? FUNCTION : "other" + i)
                    .append("\"}\n");
        }
        return yaml.toString();
    }

    private static String report(Map<String, List<LoadDriver.Result>> results, double seconds, double warmup) {
        int rounds = results.values().iterator().next().size();
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%n## SigV4 and IAM policies, %s, %d cores, %s %s, %d rounds of %.0f s per target after %.0f s of "
                        + "warm-up each%n%n", LocalDate.now(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), rounds, seconds, warmup));
        out.append("- serve's defaults, and serve --auth iam with 10 principals; hello-java; 1 caller, closed loop, "
                + "one keep-alive connection; requests signed by the AWS SDK's AwsV4HttpSigner for each run; "
                + "rounds alternate the order of the targets. Figures: median of the per-round p50 differences "
                + "(and ratios).\n");
        out.append(PerRoundDifference.line("**SigV4 verification + policy decision + decision log** (--auth iam against "
                + "serve's defaults, the same signed requests; target ≤ 30 µs)", results.get("auth iam, signed"),
                results.get("defaults, signed")));
        out.append(PerRoundDifference.line("--auth iam with signed requests against serve's defaults with unsigned "
                + "ones (what a user sees, the headers' ~400 bytes included)", results.get("auth iam, signed"),
                results.get("defaults, unsigned")));
        out.append(PerRoundDifference.table(results));
        return out.toString();
    }
}

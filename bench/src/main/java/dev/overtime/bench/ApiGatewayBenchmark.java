package dev.overtime.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overtime.platform.apigateway.ApiDefinition;
import dev.overtime.platform.apigateway.ApiIds;
import dev.overtime.platform.apigateway.ApiKind;
import dev.overtime.platform.apigateway.ApiRoute;
import dev.overtime.platform.apigateway.Integration;
import dev.overtime.platform.apigateway.ServedApi;
import dev.overtime.platform.function.FunctionDefinition;
import dev.overtime.platform.server.Platform;

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
 * What the API Gateway door adds to a warm invoke. One platform with serve's defaults serving
 * {@code hello-java} ({@code RequestHandler<Map, Map>}, one log line per call) three ways, one caller
 * each, closed loop over a keep-alive connection, rounds alternating the order:
 * <ul>
 *   <li>a direct Invoke on the Lambda API (the baseline);</li>
 *   <li>an HTTP API proxy route (payload 2.0 event, the function's JSON as the body);</li>
 *   <li>the issue's seed route on a REST API: the body validated against the seed's draft-4 model,
 *       the seed's VTL template, a non-proxy integration run synchronously.</li>
 * </ul>
 * The report gives the medians of the per-round p50 differences: proxy against Invoke (target at most
 * 50 µs) and seed against proxy (target at most 100 µs).
 *
 * <p>Run: {@code ./overtime bench-apigateway [seconds per target] [rounds] [warm-up seconds]}.
 */
public final class ApiGatewayBenchmark {

    private static final byte[] EVENT = "{\"name\":\"Ada\",\"meta\":{\"clientRequestId\":\"bench-1\"}}"
            .getBytes(StandardCharsets.UTF_8);
    private static final String FUNCTION = "hello-java";
    private static final String SEED_TEMPLATE = """
            #set( $meta = $input.path("$.meta") )
            #if( $meta.containsKey("async") && $meta["async"].equals(true) )
            #set( $context.requestOverride.header["X-Amz-Invocation-Type"] = "Event" )
            #end
            ${input.json("$")}""";
    private static final String SEED_MODEL = """
            {"$schema": "http://json-schema.org/draft-04/schema#", "type": "object", "required": ["meta"],
             "properties": {
              "meta" : { "type" : "object", "required" : [ "clientRequestId" ], "additionalProperties" : false,
                "properties" : { "async" : { "type" : [ "boolean" ] },
                                 "clientRequestId" : { "type" : [ "string" ], "format" : "guid" } } } } }""";

    private record Target(String name, int port, String path) {
    }

    public static void main(String[] args) throws Exception {
        BenchArguments arguments = new BenchArguments(args, "bench-apigateway [seconds] [rounds] [warm-up seconds]");
        double seconds = arguments.number(0, 5);
        int rounds = arguments.count(1, 8);
        double warmup = arguments.number(2, 10);
        FunctionDefinition hello = InvokeBenchmark.exampleFunction(FUNCTION);
        Path work = Files.createTempDirectory("overtime-apigateway-bench");
        try (Platform platform = Platform.start(ServeConfiguration.DEFAULTS.config(work.resolve("data")),
                List.of(hello), List.of(), Map.of(), Map.of(), List.of(seedApi(), httpApi()))) {
            List<Target> targets = new ArrayList<>();
            targets.add(new Target("direct Invoke", platform.port(), "/2015-03-31/functions/" + FUNCTION
                    + "/invocations"));
            for (ServedApi api : platform.apis()) {
                URI url = URI.create(api.url());
                targets.add(api.definition().kind() == ApiKind.HTTP
                        ? new Target("HTTP API proxy route", url.getPort(), "/hello")
                        : new Target("REST seed route (validation + VTL)", url.getPort(), "/Prod/run"));
            }
            System.out.println("warming up (" + warmup + " s per target, 1 caller)...");
            for (Target t : targets) {
                run(t, "warmup " + t.name(), warmup);
            }
            Map<String, List<LoadDriver.Result>> results = new LinkedHashMap<>();
            targets.forEach(t -> results.put(t.name(), new ArrayList<>()));
            for (int round = 0; round < rounds; round++) {
                for (Target t : round % 2 == 0 ? targets : targets.reversed()) {
                    results.get(t.name()).add(run(t, t.name(), seconds));
                }
            }
            System.out.print(report(results, seconds, warmup));
        } finally {
            WorkFolders.deleteQuietly(work);
        }
    }

    private static LoadDriver.Result run(Target target, String label, double seconds) throws Exception {
        return LoadDriver.run(label, () -> new KeepAliveClient(target.port(), "POST", target.path(), "",
                EVENT.length), EVENT, 1, seconds);
    }

    private static ApiDefinition seedApi() throws Exception {
        Integration integration = new Integration(Integration.IntegrationType.AWS, FUNCTION, null, null, Map.of(),
                Map.of("application/json", SEED_TEMPLATE), "WHEN_NO_TEMPLATES",
                List.of(new Integration.IntegrationResponse("default", "200", Map.of(), Map.of())), null, false);
        ApiRoute run = new ApiRoute("POST", "/run", integration, "body-only", Map.of("application/json", "RunRequest"),
                List.of(), null, false);
        return new ApiDefinition("SeedApi", ApiIds.of("bench", "SeedApi"), "seed", ApiKind.REST, "Prod", Map.of(),
                List.of(run), Map.of("RunRequest", new ObjectMapper().readTree(SEED_MODEL)),
                Map.of("body-only", new ApiDefinition.ValidatorSpec(true, false)), null, null, Map.of(), List.of());
    }

    private static ApiDefinition httpApi() {
        Integration integration = new Integration(Integration.IntegrationType.AWS_PROXY, FUNCTION, null, "2.0",
                Map.of(), Map.of(), null, List.of(), null, false);
        return new ApiDefinition("HttpApi", ApiIds.of("bench", "HttpApi"), "http", ApiKind.HTTP, "$default", Map.of(),
                List.of(new ApiRoute("POST", "/hello", integration, null, Map.of(), List.of(), null, false)),
                Map.of(), Map.of(), null, null, Map.of(), List.of());
    }

    private static String report(Map<String, List<LoadDriver.Result>> results, double seconds, double warmup) {
        List<List<LoadDriver.Result>> runs = new ArrayList<>(results.values());
        List<String> names = new ArrayList<>(results.keySet());
        int rounds = runs.getFirst().size();
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%n## API Gateway door, %s, %d cores, %s %s, %d rounds of %.0f s per target after %.0f s of warm-up "
                        + "each%n%n", LocalDate.now(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), rounds, seconds, warmup));
        out.append("- serve's defaults; hello-java; 1 caller per target, closed loop, one keep-alive connection; "
                + "rounds alternate the order. Figures: medians of the per-round p50 differences and ratios.\n");
        out.append(PerRoundDifference.line(names.get(1) + " against " + names.get(0) + " (target ≤ 50 µs)",
                runs.get(1), runs.get(0)));
        out.append(PerRoundDifference.line(names.get(2) + " against " + names.get(1) + " (target ≤ 100 µs)",
                runs.get(2), runs.get(1)));
        out.append("\n| round |");
        names.forEach(n -> out.append(' ').append(n).append(" p50 µs |"));
        out.append("\n|---|");
        names.forEach(n -> out.append("---|"));
        out.append('\n');
        for (int i = 0; i < rounds; i++) {
            out.append("| ").append(i + 1).append(" |");
            for (List<LoadDriver.Result> r : runs) {
                out.append(String.format(Locale.ROOT, " %.1f |", r.get(i).p50Micros()));
            }
            out.append('\n');
        }
        long errors = runs.stream().flatMap(List::stream).mapToLong(LoadDriver.Result::errors).sum();
        out.append("\nErrors: ").append(errors).append('\n');
        return out.toString();
    }
}

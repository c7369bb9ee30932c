package dev.overtime.platform.fuzz;

import dev.overtime.platform.environment.EnvironmentPool;
import dev.overtime.platform.environment.EnvironmentSettings;
import dev.overtime.platform.function.DeployedFunction;
import dev.overtime.platform.server.Platform;
import dev.overtime.platform.server.PlatformConfig;
import dev.overtime.platform.template.LoadedTemplate;
import dev.overtime.platform.template.TemplateException;
import dev.overtime.platform.template.TemplateLoader;
import dev.overtime.platform.testfunctions.Greeter;
import dev.overtime.platform.testing.RawHttp;
import dev.overtime.platform.testing.TestFunctions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fuzz and abuse suite: random template YAML, malformed HTTP/1.1 on every door, random event
 * payloads through every door, and a misbehaving runtime's random Runtime and Extensions API calls.
 * Every input must end in an answer or a clean close within a deadline (else a hang), never in a
 * 500, a stack trace, an HTML page or an unexpected exception (a crash); afterwards every function
 * process is an environment the platform lists, the pools still serve, and closing leaves none.
 *
 * <p>60 s in all by default; {@code -Dovertime.fuzz.seconds=600} is the long mode. The seed is
 * printed, and every failure names it: {@code -Dovertime.fuzz.seed=N} replays the same inputs.
 * Figures go to {@code target/fuzz-figures.md}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputFuzzTest {

    private static final Duration ANSWER = Duration.ofSeconds(30);
    private static final Duration LONG_POLL = Duration.ofSeconds(2);
    private static final byte[] NORMAL_EVENT = "{\"name\":\"fuzz\"}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path dir;

    private static FuzzSettings settings;
    private static Platform platform;
    private static final Map<String, DoorTally> tallies = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    private static final Map<String, Double> seconds = new LinkedHashMap<>();
    private static long lostEnvironments;

    @BeforeAll
    static void start() throws Exception {
        settings = FuzzSettings.fromSystemProperties();
        System.out.println("overtime fuzz: seed " + settings.seed() + ", " + settings.total().toSeconds() + " s");
        // The fuzzer is this function's runtime: the process only holds the environment open.
        bootstrap("chaos", "exec sleep 3600\n");
        Path template = Files.writeString(dir.resolve("template.yaml"), """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Echo:
                    Type: AWS::Serverless::Function
                    Properties:
                      FunctionName: echo
                      Runtime: java21
                      Handler: %s
                      CodeUri: %s
                      Timeout: 10
                      FunctionUrlConfig:
                        AuthType: NONE
                      Events:
                        Hello:
                          Type: HttpApi
                          Properties:
                            Path: /hello/{name}
                            Method: ANY
                  Chaos:
                    Type: AWS::Serverless::Function
                    Properties:
                      FunctionName: chaos
                      Runtime: provided.al2023
                      Handler: x
                      CodeUri: chaos
                      Timeout: 2
                """.formatted(Greeter.class.getName(), TestFunctions.testClasses()));
        LoadedTemplate loaded = TemplateLoader.load(template, Map.of(), null);
        platform = Platform.start(new PlatformConfig("127.0.0.1", 0,
                        EnvironmentSettings.defaults(dir.resolve("data")).withEcho(false)),
                loaded.functions(), loaded.functionUrls(), loaded.eventInvokeConfigs(), loaded.versioning(),
                loaded.apis());
    }

    private static void bootstrap(String name, String loop) throws IOException {
        Path bootstrap = Files.createDirectories(dir.resolve(name)).resolve("bootstrap");
        Files.writeString(bootstrap, "#!/usr/bin/env bash\nAPI=\"http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime\"\n"
                + loop);
        Files.setPosixFilePermissions(bootstrap, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterAll
    static void accountForEnvironmentsAndReport() throws Exception {
        try {
            if (platform != null) {
                lostEnvironments = lostEnvironments();
                platform.close();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (ProcessHandle.current().children().anyMatch(ProcessHandle::isAlive)
                        && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
                }
                lostEnvironments += ProcessHandle.current().children().filter(ProcessHandle::isAlive).count();
            }
        } finally {
            writeFigures();
        }
        assertThat(lostEnvironments).as("function processes not accounted for; %s", settings.replay()).isZero();
    }

    // ---- doors -------------------------------------------------------------------------------

    @Test
    @Order(1)
    void randomTemplateYaml_loadsOrFailsWithAFileLineError() throws Exception {
        DoorTally tally = tally("template YAML", "TemplateLoader");
        TemplateMutations mutations = new TemplateMutations(new Random(settings.seedFor("template YAML")));
        Path folder = Files.createDirectories(dir.resolve("templates"));
        Files.createDirectories(folder.resolve("code"));
        Files.createDirectories(folder.resolve("layer"));
        Path file = folder.resolve("template.yaml");
        ExecutorService loader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-template-loader");
            t.setDaemon(true);
            return t;
        });
        try {
            runFor("template YAML", settings.share(0.15), input -> {
                tally.input();
                String yaml = mutations.next();
                Files.writeString(file, yaml);
                Future<?> load = loader.submit(() -> TemplateLoader.load(file, Map.of(), null));
                try {
                    load.get(ANSWER.toSeconds(), TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    tally.hang(input, "loading took over " + ANSWER + ":\n" + yaml);
                    load.cancel(true);
                    loader.shutdownNow();
                    throw new AssertionError("a template load hung; " + settings.replay());
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (!(cause instanceof TemplateException te) || !te.getMessage().startsWith(file + ":")) {
                        tally.crash(input, cause + "\n" + yaml);
                    }
                }
            });
        } finally {
            loader.shutdownNow();
        }
        assertClean("template YAML");
    }

    @Test
    @Order(2)
    void malformedHttp_onEveryDoor_getsAnAnswerOrAClose() throws Exception {
        String generator = "malformed HTTP/1.1";
        Random random = new Random(settings.seedFor(generator));
        MalformedHttp malformed = new MalformedHttp(random);
        RandomEvents events = new RandomEvents(random);
        List<Target> targets = List.of(
                new Target("main", this::mainPort, "/2015-03-31/functions/echo/invocations"),
                new Target("main", this::mainPort, "/2015-03-31/functions/echo"),
                new Target("main", this::mainPort, "/2021-11-15/functions/echo/response-streaming-invocations"),
                new Target("url", () -> portOf(platform.functionUrl("echo").orElseThrow()), "/any/path?q=1"),
                new Target("api", () -> portOf(platform.apis().iterator().next().url()), "/hello/ada"),
                new Target("runtime", () -> runtimePort("echo"), "/2018-06-01/runtime/invocation/x/response"),
                new Target("extensions", () -> runtimePort("echo"), "/2020-01-01/extension/register"));
        runFor(generator, settings.share(0.25), input -> {
            Target target = targets.get(random.nextInt(targets.size()));
            byte[] request = malformed.next(target.path(), events.payload().length > 4096
                    ? new byte[0] : events.json(3).getBytes(StandardCharsets.UTF_8));
            check(tally(generator, target.door()), input, target.port().get(), request, ANSWER, false);
        });
        assertClean(generator);
    }

    @Test
    @Order(3)
    void randomEventPayloads_throughEveryDoor_areServedOrRefusedInAwsShape() throws Exception {
        String generator = "event payloads";
        Random random = new Random(settings.seedFor(generator));
        RandomEvents events = new RandomEvents(random);
        runFor(generator, settings.share(0.30), input -> {
            byte[] payload = events.payload();
            switch (random.nextInt(6)) {
                case 0, 1 -> check(tally(generator, "main: Invoke"), input, mainPort(), RandomEvents.request("POST",
                        "/2015-03-31/functions/echo/invocations", events.invokeHeaders(), payload), ANSWER, true);
                case 2 -> check(tally(generator, "main: InvokeWithResponseStream"), input, mainPort(), RandomEvents.request("POST",
                        "/2021-11-15/functions/echo/response-streaming-invocations", events.invokeHeaders(), payload),
                        ANSWER, true);
                case 3 -> check(tally(generator, "main: InvokeAsync"), input, mainPort(), RandomEvents.request("POST",
                        "/2014-11-13/functions/echo/invoke-async/", "", payload), ANSWER, true);
                case 4 -> check(tally(generator, "Function URL port"), input, portOf(platform.functionUrl("echo").orElseThrow()),
                        RandomEvents.request(events.method(), events.pathAndQuery(), events.invokeHeaders(), payload),
                        ANSWER, false);
                default -> check(tally(generator, "API port"), input, portOf(platform.apis().iterator().next().url()),
                        RandomEvents.request(events.method(), "/hello" + events.pathAndQuery(),
                                events.invokeHeaders(), payload), ANSWER, false);
            }
        });
        assertClean(generator);
    }

    @Test
    @Order(4)
    void aMisbehavingRuntime_neverHangsItsCallersNorThePlatform() throws Exception {
        String generator = "misbehaving runtime";
        DoorTally tally = tally(generator, "Runtime API port");
        MisbehavingRuntime runtime = new MisbehavingRuntime(new Random(settings.seedFor(generator)));
        DoorTally callers = tally(generator, "main: Invoke of its function");
        AtomicBoolean fuzzing = new AtomicBoolean(true);
        // Callers keep the function busy, so the runtime's calls meet invocations in every state;
        // each must be answered within the function's timeout plus a generous margin.
        Thread calling = Thread.ofVirtual().start(() -> {
            long input = 0;
            while (fuzzing.get()) {
                callers.input();
                input++;
                try {
                    RawHttp.Answer answer = RawHttp.exchange(mainPort(), RandomEvents.request("POST",
                            "/2015-03-31/functions/chaos/invocations", "", "{}".getBytes(StandardCharsets.UTF_8)),
                            ANSWER);
                    if (!answer.answered()) {
                        callers.hang(input, "an invoke of the misbehaving function was not answered");
                    } else if (answer.status() == 500 || answer.leaksInternals()) {
                        callers.crash(input, answer.head() + "\n" + answer.body());
                    }
                } catch (IOException e) {
                    callers.crash(input, "invoke failed: " + e);
                }
            }
        });
        try {
            runFor(generator, settings.share(0.30), input -> {
                tally.input();
                int port = runtimePort("chaos");
                MisbehavingRuntime.Call call = runtime.next();
                RawHttp.Answer answer = RawHttp.exchange(port, call.request(),
                        call.longPoll() ? LONG_POLL : ANSWER);
                if (!answer.answered() && !call.longPoll()) {
                    tally.hang(input, call.what() + " was not answered");
                } else if (answer.status() == 500 || answer.leaksInternals()) {
                    tally.crash(input, call.what() + ": " + answer.head() + "\n" + answer.body());
                }
                runtime.saw(answer.header("Lambda-Runtime-Aws-Request-Id"),
                        answer.header("Lambda-Extension-Identifier"));
            });
        } finally {
            fuzzing.set(false);
            calling.join(ANSWER.plusSeconds(10).toMillis());
        }
        assertClean(generator);
    }

    // ---- checks ------------------------------------------------------------------------------

    private record Target(String door, Supplier<Integer> port, String path) {
    }

    private interface Input {
        void run(long input) throws Exception;
    }

    private static DoorTally tally(String generator, String door) {
        return tallies.computeIfAbsent(generator + " | " + door, key -> new DoorTally(generator, door));
    }

    /** Runs inputs for {@code budget}, and between them checks now and then that a normal invoke is still served. */
    private void runFor(String generator, Duration budget, Input body) throws Exception {
        long start = System.nanoTime();
        long end = start + budget.toNanos();
        long input = 0;
        while (System.nanoTime() < end) {
            input++;
            body.run(input);
            if (input % 50 == 0 && platform != null) {
                normalInvoke(tally(generator, "main: a normal invoke between inputs"), input);
            }
        }
        if (platform != null) {
            normalInvoke(tally(generator, "main: a normal invoke between inputs"), input);
        }
        seconds.put(generator, (System.nanoTime() - start) / 1e9);
    }

    private void normalInvoke(DoorTally tally, long input) throws IOException {
        tally.input();
        RawHttp.Answer answer = RawHttp.exchange(mainPort(), RandomEvents.request("POST",
                "/2015-03-31/functions/echo/invocations", "", NORMAL_EVENT), ANSWER);
        if (answer.status() != 200 || answer.header("X-Amz-Function-Error") != null
                || !answer.body().contains("Hello, fuzz!")) {
            tally.crash(input, "a normal invoke after this input was not served: " + answer.head() + answer.body());
        }
    }

    /**
     * Sends one input and classifies the outcome. On an AWS API door ({@code awsShaped}) every
     * refusal must carry {@code x-amzn-ErrorType} and a JSON {@code message}.
     */
    private static void check(DoorTally tally, long input, int port, byte[] request, Duration deadline,
                              boolean awsShaped) {
        tally.input();
        RawHttp.Answer answer;
        try {
            answer = RawHttp.exchange(port, request, deadline);
        } catch (IOException e) {
            tally.crash(input, "could not connect: " + e);
            return;
        }
        String shown = new String(request, 0, Math.min(request.length, 300), StandardCharsets.ISO_8859_1)
                + "\n-> " + answer.head() + "\n" + answer.body();
        if (!answer.answered()) {
            tally.hang(input, shown);
        } else if (answer.status() == 500 && !isHttpApiIntegrationFailure(answer, request) || answer.leaksInternals()) {
            tally.crash(input, shown);
        } else if (awsShaped && answer.status() >= 400 && (answer.header("x-amzn-ErrorType") == null
                || !answer.body().contains("\"message\""))) {
            tally.crash(input, "not in AWS's error shape: " + shown);
        }
    }

    /**
     * An HTTP API's answer when its integration fails, AWS's own: an event over Lambda's 6 MB makes
     * the invoke fail, and API Gateway answers 500 {@code Internal Server Error} (ProxyResponses).
     */
    private static boolean isHttpApiIntegrationFailure(RawHttp.Answer answer, byte[] request) {
        boolean head = new String(request, 0, Math.min(5, request.length), StandardCharsets.ISO_8859_1).equals("HEAD ");
        return answer.header("apigw-requestid") != null && (head ? answer.body().isEmpty()
                : answer.body().equals("{\"message\":\"Internal Server Error\"}"));
    }

    private static void assertClean(String generator) {
        for (DoorTally tally : tallies.values()) {
            if (tally.generator.equals(generator)) {
                System.out.println("overtime fuzz: " + tally.row());
                assertThat(tally.crashes + tally.hangs).as("%s on %s: %s crashes, %s hangs; %s; first: %s",
                        generator, tally.door, tally.crashes, tally.hangs, settings.replay(),
                        String.join("\n\n", tally.examples)).isZero();
            }
        }
    }

    private int mainPort() {
        return platform.port();
    }

    private static int portOf(String url) {
        return URI.create(url).getPort();
    }

    /** The Runtime API port of one of {@code function}'s live environments, once one is running. */
    private static int runtimePort(String function) {
        DeployedFunction deployed = platform.functions().find(function).orElseThrow();
        long deadline = System.nanoTime() + ANSWER.toNanos();
        while (true) {
            for (EnvironmentPool.EnvironmentView env : deployed.latest().pool().describe()) {
                if (env.state().isLive() && env.runtimeApi() != null) {
                    return Integer.parseInt(env.runtimeApi().substring(env.runtimeApi().lastIndexOf(':') + 1));
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no environment of " + function + " started; " + settings.replay());
            }
            // An invoke starts one; the misbehaving function's callers keep invoking.
            if (function.equals("echo")) {
                try {
                    RawHttp.exchange(platform.port(), RandomEvents.request("POST",
                            "/2015-03-31/functions/echo/invocations", "", new byte[0]), ANSWER);
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    /**
     * Function processes the platform does not list as a live environment, plus live environments
     * whose process is gone, once retiring has had time to settle.
     */
    private static long lostEnvironments() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long lost;
        do {
            Set<Long> listed = new HashSet<>();
            long deadListed = 0;
            for (DeployedFunction function : platform.functions().all()) {
                for (EnvironmentPool pool : function.pools()) {
                    for (EnvironmentPool.EnvironmentView env : pool.describe()) {
                        if (env.pid() > 0) {
                            listed.add(env.pid());
                            boolean alive = ProcessHandle.of(env.pid()).map(ProcessHandle::isAlive).orElse(false);
                            if (env.state().isLive() && env.state() != dev.overtime.platform.environment.EnvironmentState.STARTING
                                    && !alive) {
                                deadListed++;
                            }
                        }
                    }
                }
            }
            List<Long> unlisted = new ArrayList<>();
            ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                    .filter(p -> !listed.contains(p.pid()) && !isWatchdog(p)).forEach(p -> unlisted.add(p.pid()));
            lost = unlisted.size() + deadListed;
            if (lost == 0) {
                return 0;
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        } while (System.nanoTime() < deadline);
        return lost;
    }

    /** The platform's own guard process, which ends with the platform (counted after the close). */
    private static boolean isWatchdog(ProcessHandle process) {
        return process.info().arguments().map(args -> List.of(args).contains("overtime-watchdog")).orElse(false);
    }

    private static void writeFigures() throws IOException {
        StringBuilder md = new StringBuilder("seed " + settings.seed() + ", " + settings.total().toSeconds()
                + " s budget; seconds per generator: " + seconds + "\n\n| generator | door | inputs | crashes | hangs |\n"
                + "|---|---|---|---|---|\n");
        tallies.values().forEach(t -> md.append(t.row()).append('\n'));
        md.append("\nlost environments: ").append(lostEnvironments).append('\n');
        System.out.println("overtime fuzz figures:\n" + md);
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.writeString(target.resolve("fuzz-figures.md"), md.toString());
        }
    }
}

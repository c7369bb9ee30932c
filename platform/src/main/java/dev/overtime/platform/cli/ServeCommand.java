package dev.overtime.platform.cli;

import dev.overtime.platform.apigateway.ApiDefinition;
import dev.overtime.platform.apigateway.ApiRoute;
import dev.overtime.platform.apigateway.Integration;
import dev.overtime.platform.apigateway.ServedApi;
import dev.overtime.platform.appsync.GraphQlApiDefinition;
import dev.overtime.platform.appsync.GraphQlApiKey;
import dev.overtime.platform.appsync.ServedGraphQlApi;
import dev.overtime.platform.appsync.subscriptions.SubscriptionSettings;
import dev.overtime.platform.async.store.EventStoreChoice;
import dev.overtime.platform.async.store.postgres.PostgresLocation;
import dev.overtime.platform.environment.EnvironmentSettings;
import dev.overtime.platform.environment.RuntimeFamily;
import dev.overtime.platform.function.DeployedFunction;
import dev.overtime.platform.function.FunctionDefinition;
import dev.overtime.platform.function.FunctionVersion;
import dev.overtime.platform.function.FunctionUrlDefinition;
import dev.overtime.platform.versions.Alias;
import dev.overtime.platform.server.Platform;
import dev.overtime.platform.server.PlatformConfig;
import dev.overtime.platform.server.ServeDefaults;
import dev.overtime.platform.template.LoadedTemplate;
import dev.overtime.platform.template.NotServedResource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import dev.overtime.platform.security.AuthSettings;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;

/** {@code overtime serve}: serves a template's functions until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true, defaultValueProvider = ServeOptionDefaults.class,
        description = "Serve the functions of a SAM template over the Lambda APIs.")
final class ServeCommand implements Callable<Integer> {

    @Option(names = {"-t", "--template"}, defaultValue = "template.yaml", paramLabel = "FILE",
            description = "SAM or CloudFormation template (default: ${DEFAULT-VALUE})")
    Path template;

    @Option(names = {"-p", "--port"}, paramLabel = "N",
            description = "Port of the Lambda API (default: ${DEFAULT-VALUE}; 0 picks a free one)")
    int port;

    @Option(names = "--host", paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 to self-host)")
    String host;

    @Option(names = {"-d", "--data"}, paramLabel = "DIR",
            description = "Data folder for logs and unpacked code (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--region", description = "Region in ARNs and AWS_REGION (default: ${DEFAULT-VALUE})")
    String region;

    @Option(names = "--concurrency", paramLabel = "N",
            description = "Environments per function without ReservedConcurrentExecutions (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--idle-timeout", paramLabel = "DURATION",
            description = "Retire an environment idle this long, ISO-8601 (default: ${DEFAULT-VALUE})")
    Duration idleTimeout;

    @Option(names = "--parameter-overrides", split = ",", paramLabel = "KEY=VALUE",
            description = "Template parameter values, e.g. Stage=dev,Greeting=hi")
    Map<String, String> parameters = new LinkedHashMap<>();

    @Mixin
    StackNameOption stackName;

    @Option(names = "--max-stream-mb", paramLabel = "MB",
            description = "Largest streamed response in MB (default: ${DEFAULT-VALUE}, as on AWS)")
    long maxStreamMb;

    @Option(names = "--shape-streams",
            description = "Stream responses at AWS's bandwidth: 6 MB at full speed, then 2 MB/s")
    boolean shapeStreams;

    @Option(names = "--freeze", negatable = true, fallbackValue = "true",
            description = "Stop an environment's processes between invocations, as AWS freezes them, so background "
                    + "work that would stall on AWS stalls here too (default: ${DEFAULT-VALUE}; --no-freeze to let "
                    + "it run; a function's Metadata.Overtime.Freeze overrides it)")
    boolean freeze;

    @Option(names = "--freeze-grace", paramLabel = "MS",
            description = "Freeze an environment only once it has been idle this many milliseconds, so one busy "
                    + "with back-to-back invocations is never stopped and continued (default: ${DEFAULT-VALUE}; 0 freezes "
                    + "the moment the runtime and its extensions wait for their next event, as AWS does, at a cost in "
                    + "latency)")
    long freezeGraceMillis;

    @Option(names = "--class-data-archive", negatable = true, fallbackValue = "true",
            description = "Make a class-data archive of the Java runtime for each JDK, once and in the background, and "
                    + "start Java functions with it: a cold start that binds JSON through AWS's Jackson takes about "
                    + "half as long (default: ${DEFAULT-VALUE})")
    boolean classDataArchive;

    @Option(names = "--sandbox",
            description = "Run each environment in a sandbox of its own: mount, PID, IPC and network namespaces "
                    + "(bubblewrap), the code at /var/task, layers at /opt, a private /tmp, only its own Runtime API "
                    + "reachable, and MemorySize as a hard limit (cgroups); needs root. Without support on the host, "
                    + "serve says what is missing and runs functions unsandboxed")
    boolean sandbox;

    @Option(names = "--selectors", paramLabel = "N",
            description = "Selector threads for all HTTP connections (default: one per core)")
    Integer selectors;

    @Option(names = "--quiet", description = "Do not echo function output to the console (it stays in DIR/logs)")
    boolean quiet;

    @Option(names = "--replay-events", paramLabel = "N", defaultValue = "10000",
            description = "GraphQL subscriptions: the most published events each API keeps for replay "
                    + "(default: ${DEFAULT-VALUE})")
    int replayEvents;

    @Option(names = "--replay-minutes", paramLabel = "M", defaultValue = "15",
            description = "GraphQL subscriptions: how long published events are kept for replay (default: ${DEFAULT-VALUE})")
    int replayMinutes;

    @Option(names = "--web-app", paramLabel = "COMMAND",
            description = "Serve a web app as a function, behind Overtime's web adapter: COMMAND starts it in this "
                    + "folder and it listens on $PORT (e.g. 'node server.js'); without --template, no template is read")
    String webApp;

    @Option(names = "--web-app-name", paramLabel = "NAME", defaultValue = "web-app",
            description = "The web app function's name (default: ${DEFAULT-VALUE})")
    String webAppName;

    @Option(names = "--web-app-stream",
            description = "Stream the web app's responses (a RESPONSE_STREAM Function URL) instead of buffering them")
    boolean webAppStream;

    /** Where the web adapter layer's {@code lambda-adapter} runs. */
    enum WebAdapterMode { hosted, process }

    @Option(names = "--web-adapter", paramLabel = "MODE",
            description = "Where the web adapter of web-app functions runs: hosted (inside the platform, sharing its "
                    + "warm code) or process (its own JVM per environment, registered as the external extension "
                    + "lambda-adapter, as LWA runs on AWS) (default: ${DEFAULT-VALUE})")
    WebAdapterMode webAdapter;

    @Option(names = "--auth", paramLabel = "MODE",
            description = "iam: verify AWS Signature V4 on every AWS API request and AWS_IAM Function URL, and "
                    + "authorize it with the policies of --iam FILE (default: nothing is checked)")
    String auth;

    @Option(names = "--iam", paramLabel = "FILE",
            description = "With --auth iam: the principals (access keys) and their IAM policies, re-read when it changes")
    Path iamFile;

    @Option(names = "--store", paramLabel = "URL", defaultValue = "${env:OVERTIME_STORE}",
            description = "Keep the asynchronous side (Event invokes, retries, dead letters, EventInvokeConfig) in a "
                    + "PostgreSQL database that several nodes share: postgresql://USER:PASSWORD@HOST:PORT/DB "
                    + "(default: $OVERTIME_STORE, else an embedded SQLite file in the data folder)")
    String store;

    @Option(names = "--lease", paramLabel = "DURATION", defaultValue = "30s", converter = ShortDuration.class,
            description = "With --store: how long a node that stopped answering keeps the events it was running "
                    + "before other nodes run them again, e.g. 10s, 2m or PT10S (default: ${DEFAULT-VALUE})")
    Duration lease;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new CliFailure("--port must be from 0 to 65535, got " + port);
        }
        if (maxStreamMb < 1) {
            throw new CliFailure("--max-stream-mb must be at least 1, got " + maxStreamMb);
        }
        if (concurrency < 1) {
            throw new CliFailure("--concurrency must be at least 1, got " + concurrency);
        }
        if (freezeGraceMillis < 0) {
            throw new CliFailure("--freeze-grace must be 0 or more milliseconds, got " + freezeGraceMillis);
        }
        if (replayEvents < 0 || replayMinutes < 0) {
            throw new CliFailure("--replay-events and --replay-minutes must be 0 or more");
        }
        if (selectors != null && selectors < 1) {
            throw new CliFailure("--selectors must be at least 1, got " + selectors);
        }
        if (auth != null && !auth.equals("iam")) {
            throw new CliFailure("--auth must be iam, got " + auth);
        }
        if ((auth == null) != (iamFile == null)) {
            throw new CliFailure("--auth iam and --iam FILE go together");
        }
        if (iamFile != null && !Files.isRegularFile(iamFile)) {
            throw new CliFailure("--iam " + iamFile + ": no such file");
        }
        EventStoreChoice storeChoice = storeChoice();
        String stack = stackName.forTemplate(template);
        LoadedTemplate loaded = load(stack);
        PlatformConfig config = config().withStore(storeChoice);
        Platform platform = Platform.start(config.withAuth(config.auth().withPermissions(loaded.permissions())),
                loaded.functions(),
                loaded.functionUrls(), loaded.eventInvokeConfigs(), loaded.versioning(), loaded.apis(),
                loaded.graphQlApis());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            platform.close();
            stopped.countDown();
        }, "overtime-shutdown"));
        printBanner(loaded, stack, platform);
        stopped.await();
        return 0;
    }

    /**
     * The template, with the {@code --web-app} function added. With {@code --web-app} and no {@code --template},
     * a missing {@code template.yaml} means no template.
     */
    LoadedTemplate load(String stack) {
        if (webApp == null) {
            return Templates.load(template, parameters, region, stack);
        }
        WebApp app = webApp(data.toAbsolutePath());
        return app.addTo(readsTemplate() ? Templates.load(template, parameters, region, stack)
                : WebApp.noTemplate(Path.of("")));
    }

    /** The {@code --web-app} function, its generated layer written under {@code dataDir}; null without the option. */
    WebApp webApp(Path dataDir) {
        return webApp == null ? null
                : WebApp.of(webApp, webAppName, webAppStream, Path.of("").toAbsolutePath(), dataDir);
    }

    private boolean readsTemplate() {
        return webApp == null || Files.exists(template) || spec.commandLine().getParseResult().hasMatchedOption("--template");
    }

    /** The embedded store, or the PostgreSQL database of {@code --store} or {@code OVERTIME_STORE}. */
    EventStoreChoice storeChoice() {
        if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new CliFailure("--lease must be at least 1s, got " + lease);
        }
        if (store == null || store.isBlank()) {
            return EventStoreChoice.EMBEDDED;
        }
        try {
            return EventStoreChoice.postgres(PostgresLocation.parse(store.trim()), lease);
        } catch (IllegalArgumentException e) {
            throw new CliFailure("--store: " + e.getMessage());
        }
    }

    /** serve's defaults as {@link ServeDefaults} defines them, with this command's options applied. */
    PlatformConfig config() {
        PlatformConfig defaults = ServeDefaults.config(host, port, data.toAbsolutePath());
        EnvironmentSettings settings = defaults.environments()
                .withRegion(region).withDefaultConcurrency(concurrency).withIdleTimeout(idleTimeout).withEcho(!quiet)
                .withMaxStreamedBytes(maxStreamMb * 1024 * 1024).withShapedStreams(shapeStreams)
                .withFreeze(freeze).withFreezeGrace(Duration.ofMillis(freezeGraceMillis))
                .withClassDataArchive(classDataArchive).withSandbox(sandbox)
                .withHostedWebAdapter(webAdapter == WebAdapterMode.hosted);
        SubscriptionSettings subscriptions = defaults.subscriptions();
        subscriptions = new SubscriptionSettings(replayEvents, Duration.ofMinutes(replayMinutes),
                subscriptions.replayBytes(), subscriptions.maxPayloadBytes());
        return defaults.withEnvironments(settings).withSelectors(selectors == null ? defaults.selectors() : selectors)
                .withSubscriptions(subscriptions)
                .withAuth(iamFile == null ? AuthSettings.OFF : AuthSettings.iam(iamFile.toAbsolutePath()));
    }

    /** A query to try: the first Query field that needs no arguments and returns a scalar, else {@code __typename}. */
    private static String sampleQuery(ServedGraphQlApi api) {
        graphql.schema.GraphQLObjectType query = api.engine().schema().schema().getQueryType();
        for (graphql.schema.GraphQLFieldDefinition field : query.getFieldDefinitions()) {
            boolean required = field.getArguments().stream()
                    .anyMatch(a -> graphql.schema.GraphQLTypeUtil.isNonNull(a.getType()));
            if (!required && graphql.schema.GraphQLTypeUtil.isScalar(graphql.schema.GraphQLTypeUtil.unwrapAll(field.getType()))) {
                return "{ " + field.getName() + " }";
            }
        }
        return "{ __typename }";
    }

    /** A function's versions and aliases, each alias with a line that invokes it. */
    private static void printVersions(DeployedFunction function, String endpoint) {
        if (function.versions().isEmpty() && function.aliases().isEmpty()) {
            return;
        }
        System.out.println("    versions: " + String.join(", ", function.versions().stream()
                .map(FunctionVersion::version).toList()));
        for (Alias alias : function.aliases()) {
            String routing = alias.secondary() == null ? "" : String.format(java.util.Locale.ROOT,
                    " (%.0f%% to version %s)", alias.secondaryWeight() * 100, alias.secondary().version());
            String provisioned = function.provisioned(alias.name())
                    .map(p -> ", " + p.requested() + " provisioned").orElse("");
            System.out.println("    alias " + alias.name() + " -> version " + alias.primary().version() + routing
                    + provisioned);
            System.out.println("      aws lambda invoke --endpoint-url " + endpoint + " --function-name "
                    + function.name() + " --qualifier " + alias.name()
                    + " --cli-binary-format raw-in-base64-out --payload '{\"name\":\"Ada\"}' /dev/stdout");
        }
    }

    private void printBanner(LoadedTemplate loaded, String stack, Platform platform) {
        String endpoint = platform.endpoint().toString();
        String served = readsTemplate() ? template + " (stack " + stack + ")" : "the web app '" + webApp + "'";
        System.out.println("Overtime " + Version.VALUE + " serving " + served + " on " + endpoint
                + " (data in " + data + ")");
        System.out.println(iamFile == null
                ? "Auth: none; any caller that reaches the port is served (serve --auth iam --iam FILE checks SigV4 and IAM policies)"
                : "Auth: SigV4 and IAM policies of " + iamFile + " on every AWS API request and AWS_IAM Function URL");
        if (iamFile == null) {
            loaded.functionUrls().stream().filter(u -> u.authType() == FunctionUrlDefinition.AuthType.AWS_IAM)
                    .forEach(u -> System.out.println("warning: the Function URL of " + u.functionName()
                            + " has AuthType AWS_IAM but is served open, since serve runs without --auth iam"));
        }
        System.out.println();
        for (FunctionDefinition fn : loaded.functions()) {
            RuntimeFamily.of(fn.runtime());
            System.out.printf("  %-24s %-16s %s%n", fn.name(), fn.runtime(), fn.handler() == null ? "bootstrap" : fn.handler());
            System.out.println("    aws lambda invoke --endpoint-url " + endpoint + " --function-name " + fn.name()
                    + " --cli-binary-format raw-in-base64-out --payload '{\"name\":\"Ada\"}' /dev/stdout");
            platform.functionUrl(fn.name()).ifPresent(url -> System.out.println("    curl -N " + url));
            platform.functions().find(fn.name()).ifPresent(deployed -> printVersions(deployed, endpoint));
        }
        if (!platform.apis().isEmpty()) {
            System.out.println();
            System.out.println("APIs (each also answers on " + endpoint + " for Host: {id}.execute-api.localhost):");
            for (ServedApi api : platform.apis()) {
                ApiDefinition d = api.definition();
                System.out.printf("  %-24s %-5s %s  id %s, stage %s%n", d.name(), d.kind(), api.url(), d.id(), d.stage());
                if (d.requiresApiKeys()) {
                    System.out.println("    API keys (x-api-key): " + String.join(", ", d.apiKeys()));
                }
                for (ApiRoute route : d.routes()) {
                    System.out.println(routeLines(route, api.url()));
                }
            }
        }
        if (!platform.graphQlApis().isEmpty()) {
            System.out.println();
            System.out.println("GraphQL APIs (AppSync); subscriptions at the realtime URL (AppSync's protocol) and at "
                    + "the GraphQL URL (graphql-transport-ws):");
            for (ServedGraphQlApi api : platform.graphQlApis()) {
                GraphQlApiDefinition d = api.definition();
                System.out.printf("  %-24s %s  id %s, auth %s%n", d.name(), api.graphQlUrl(), d.id(),
                        d.authModes().stream().map(Enum::name).collect(java.util.stream.Collectors.joining(", ")));
                System.out.println("    realtime: " + api.realtimeUrl());
                String key = d.apiKeys().isEmpty() ? null : d.apiKeys().getFirst().id();
                if (key != null) {
                    System.out.println("    API keys (x-api-key): " + String.join(", ",
                            d.apiKeys().stream().map(GraphQlApiKey::id).toList()));
                }
                System.out.println("    curl -s " + api.graphQlUrl() + " -H 'content-type: application/json'"
                        + (key == null ? "" : " -H 'x-api-key: " + key + "'")
                        + " -d '{\"query\":\"" + sampleQuery(api) + "\"}'");
            }
        }
        if (!loaded.notYetServed().isEmpty()) {
            System.out.println();
            System.out.println("Accepted but not served yet:");
            for (NotServedResource r : loaded.notYetServed()) {
                System.out.println("  " + r.logicalId() + " (" + r.type() + "): " + r.reason());
            }
        }
        for (String warning : loaded.warnings()) {
            System.out.println("warning: " + warning);
        }
        if (webApp != null) {
            System.out.println();
            System.out.println("Web app " + webAppName + " ('" + webApp + "', listening on $PORT) answers on "
                    + platform.functionUrl(webAppName).orElseThrow()
                    + (webAppStream ? " (streamed)" : ""));
        }
        System.out.println();
        System.out.println("Event invokes (--invocation-type Event) are queued "
                + (platform.config().store().postgres() == null ? "on disk in " : "in ")
                + platform.config().store().describe(data) + "; see them with: overtime events list NAME");
        System.out.println("Ready. Ctrl-C stops the platform and every function process; queued events wait for the next start.");
    }

    /** A route of an API as serve lists it: its key, what it calls (a function, or a mock) and a curl line. */
    static String routeLines(ApiRoute route, String url) {
        String path = route.path().equals("$default") ? "/anything" : route.path()
                .replaceAll("\\{[^}/]+\\+}", "anything").replaceAll("\\{[^}/]+}", "1");
        String method = route.method().equals("ANY") ? "GET" : route.method();
        String target = route.integration().type() == Integration.IntegrationType.MOCK ? "mock integration"
                : route.integration().functionName();
        return "    " + route.routeKey() + " -> " + target
                + "\n      curl -s" + (method.equals("GET") ? "" : " -X " + method
                + " -H 'Content-Type: application/json' -d '{}'") + " " + url + path;
    }
}

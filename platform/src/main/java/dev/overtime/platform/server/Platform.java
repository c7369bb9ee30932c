package dev.overtime.platform.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overtime.platform.async.AsyncInvocations;
import dev.overtime.platform.async.EventInvokeConfig;
import dev.overtime.platform.async.api.EventInvokeConfigApi;
import dev.overtime.platform.async.api.EventQueueApi;
import dev.overtime.platform.async.store.postgres.SubscriptionRelay;
import dev.overtime.platform.cluster.HealthApi;
import dev.overtime.platform.cluster.NodeId;
import dev.overtime.platform.environment.BundledRuntimes;
import dev.overtime.platform.environment.ClassDataArchives;
import dev.overtime.platform.environment.CodeUnpacker;
import dev.overtime.platform.environment.LayerFolders;
import dev.overtime.platform.environment.EnvironmentPool;
import dev.overtime.platform.environment.EnvironmentServices;
import dev.overtime.platform.environment.IdleFreezeTimer;
import dev.overtime.platform.environment.SignalPipe;
import dev.overtime.platform.environment.FunctionProcessLauncher;
import dev.overtime.platform.environment.JdkLocator;
import dev.overtime.platform.environment.LogEcho;
import dev.overtime.platform.environment.WebAdapterLayerFolder;
import dev.overtime.platform.webapp.HostedWebAdapter;
import dev.overtime.platform.function.WebAdapterLayer;
import dev.overtime.platform.apigateway.ApiDefinition;
import dev.overtime.platform.apigateway.ApiDiscovery;
import dev.overtime.platform.apigateway.ApiGatewayDoor;
import dev.overtime.platform.apigateway.FunctionCalls;
import dev.overtime.platform.appsync.AppSyncDiscovery;
import dev.overtime.platform.appsync.GraphQlApiDefinition;
import dev.overtime.platform.appsync.GraphQlDoor;
import dev.overtime.platform.appsync.GraphQlUrlTokens;
import dev.overtime.platform.appsync.ResolverLanguages;
import dev.overtime.platform.appsync.ServedGraphQlApi;
import dev.overtime.platform.appsync.realtime.RealtimeEndpoint;
import dev.overtime.platform.appsync.realtime.RealtimeSettings;
import dev.overtime.platform.appsync.resolvers.DataSourceCalls;
import dev.overtime.platform.environment.ConcurrencyLimit;
import dev.overtime.platform.function.DeployedFunction;
import dev.overtime.platform.function.FunctionDefinition;
import dev.overtime.platform.function.FunctionTarget;
import dev.overtime.platform.versions.FunctionVersioning;
import dev.overtime.platform.versions.VersionStore;
import dev.overtime.platform.versions.VersionTokens;
import dev.overtime.platform.versions.api.VersionsApiDoor;
import dev.overtime.platform.function.FunctionRegistry;
import dev.overtime.platform.function.FunctionUrlDefinition;
import dev.overtime.platform.url.FunctionUrlDoor;
import dev.overtime.platform.http.CoalescingConnector;
import dev.overtime.platform.http.ConnectionResumingThreadPool;
import dev.overtime.platform.http.HeaderCountLimit;
import dev.overtime.platform.http.JsonErrorHandler;
import dev.overtime.platform.http.PortLimits;
import dev.overtime.platform.http.Responses;
import dev.overtime.platform.invoke.FunctionLookup;
import dev.overtime.platform.invoke.InvokeApiDoor;
import dev.overtime.platform.processes.ProcessGuard;
import dev.overtime.platform.sandbox.Sandboxes;
import dev.overtime.platform.runtimeapi.RuntimeApiDoor;
import dev.overtime.platform.security.AccessControl;
import dev.overtime.platform.security.ApiActions;
import dev.overtime.platform.security.SignedApiGuard;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A running Overtime: one Jetty server whose public connector carries the caller-facing doors and
 * whose per-environment connectors carry the Runtime API, plus one environment pool per function.
 */
public final class Platform implements AutoCloseable {

    private final Server server;
    private final ServerConnector publicConnector;
    private final FunctionRegistry functions;
    private final ScheduledThreadPoolExecutor timers;
    private final LogEcho echo;
    private final PlatformConfig config;
    private final FunctionUrlDoor functionUrls;
    private final ApiGatewayDoor apiGateway;
    private final GraphQlDoor graphQl;
    private final AsyncInvocations async;
    private final SignalPipe signals;
    private final IdleFreezeTimer idleFreezes;
    private final ProcessGuard guard;
    private final ClassDataArchives archives;

    private Platform(Server server, ServerConnector publicConnector, FunctionRegistry functions,
                     ScheduledThreadPoolExecutor timers, LogEcho echo, PlatformConfig config,
                     FunctionUrlDoor functionUrls, AsyncInvocations async, SignalPipe signals,
                     IdleFreezeTimer idleFreezes, ProcessGuard guard, ClassDataArchives archives,
                     ApiGatewayDoor apiGateway, GraphQlDoor graphQl) {
        this.apiGateway = apiGateway;
        this.graphQl = graphQl;
        this.archives = archives;
        this.signals = signals;
        this.idleFreezes = idleFreezes;
        this.guard = guard;
        this.functionUrls = functionUrls;
        this.async = async;
        this.server = server;
        this.publicConnector = publicConnector;
        this.functions = functions;
        this.timers = timers;
        this.echo = echo;
        this.config = config;
    }

    /** Starts the server and serves {@code definitions}; environments start on the first invoke. */
    public static Platform start(PlatformConfig config, List<FunctionDefinition> definitions) throws Exception {
        return start(config, definitions, List.of());
    }

    /**
     * Starts the server with Function URLs too: the i-th URL listens on the public port + 1 + i, or
     * on a free port when the public port is 0.
     */
    public static Platform start(PlatformConfig config, List<FunctionDefinition> definitions,
                                 List<FunctionUrlDefinition> urls) throws Exception {
        return start(config, definitions, urls, Map.of());
    }

    /**
     * Starts the server with Function URLs and the template's EventInvokeConfigs (by function name).
     * Events left in the data folder's queue by an earlier run are delivered, and function processes
     * that a platform which died on the data folder left running are ended.
     */
    public static Platform start(PlatformConfig config, List<FunctionDefinition> definitions,
                                 List<FunctionUrlDefinition> urls, Map<String, EventInvokeConfig> eventInvokeConfigs)
            throws Exception {
        return start(config, definitions, urls, eventInvokeConfigs, Map.of());
    }

    /**
     * Starts the server with everything a template declares: Function URLs, EventInvokeConfigs, and each
     * function's versions and aliases (by function name), which are published or moved at start.
     */
    public static Platform start(PlatformConfig config, List<FunctionDefinition> definitions,
                                 List<FunctionUrlDefinition> urls, Map<String, EventInvokeConfig> eventInvokeConfigs,
                                 Map<String, FunctionVersioning> versioning) throws Exception {
        return start(config, definitions, urls, eventInvokeConfigs, versioning, List.of());
    }

    /** Starts the server with everything a template declares, its API Gateway APIs included. */
    public static Platform start(PlatformConfig config, List<FunctionDefinition> definitions,
                                 List<FunctionUrlDefinition> urls, Map<String, EventInvokeConfig> eventInvokeConfigs,
                                 Map<String, FunctionVersioning> versioning, List<ApiDefinition> apis)
            throws Exception {
        return start(config, definitions, urls, eventInvokeConfigs, versioning, apis, List.of());
    }

    /** Starts the server with everything a template declares: API Gateway APIs and GraphQL APIs included. */
    public static Platform start(PlatformConfig config, List<FunctionDefinition> definitions,
                                 List<FunctionUrlDefinition> urls, Map<String, EventInvokeConfig> eventInvokeConfigs,
                                 Map<String, FunctionVersioning> versioning, List<ApiDefinition> apis,
                                 List<GraphQlApiDefinition> graphQlApis) throws Exception {
        var settings = config.environments();
        ProcessGuard guard = ProcessGuard.open(settings.dataDir().resolve("processes"), notice -> {
            if (settings.echoFunctionLogs()) {
                System.out.println("overtime: " + notice);
            }
        });
        try {
            return start(config, definitions, urls, eventInvokeConfigs, versioning, apis, graphQlApis, guard);
        } catch (Exception | Error e) {
            guard.close();
            throw e;
        }
    }

    private static Platform start(PlatformConfig config, List<FunctionDefinition> definitions,
                                  List<FunctionUrlDefinition> urls, Map<String, EventInvokeConfig> eventInvokeConfigs,
                                  Map<String, FunctionVersioning> versioning, List<ApiDefinition> apis,
                                  List<GraphQlApiDefinition> graphQlApis, ProcessGuard guard) throws Exception {
        // Every door is asynchronous (a parked /next holds no thread), so reads and handlers run on the
        // selector threads; a virtual-thread executor here would move each read to another thread.
        QueuedThreadPool threads = new ConnectionResumingThreadPool(4096, 8);
        threads.setName("overtime");
        threads.setVirtualThreadsExecutor(null);
        // No reserved threads: a selector then runs its non-blocking tasks itself instead of handing
        // its role to another thread on every event (each hand-off is a context switch).
        threads.setReservedThreads(0);
        Server server = new Server(threads);
        PortLimits limits = config.limits();
        HttpConfiguration httpConfig = new HttpConfiguration();
        limits.configure(httpConfig);
        httpConfig.setSendServerVersion(false);
        httpConfig.setSendDateHeader(false);
        HttpConnectionFactory http = new HttpConnectionFactory(httpConfig);
        // Streamed responses arrive in reads of this size; larger reads mean fewer, larger chunks downstream.
        http.setInputBufferSize(64 * 1024);

        // One selector per core, not Jetty's default of half the cores: every door runs on the selectors,
        // so they do all of the platform's work, and with one selector on 2 cores that one thread was
        // busy 87% of the time at 16 callers (docs/benchmarks.md, "2026-12-03, later"). Whatever the count, an invoke
        // stays on its caller's selector: the pool prefers a worker that selector serves.
        int selectors = config.selectors() > 0 ? config.selectors() : Runtime.getRuntime().availableProcessors();
        ServerConnector publicConnector = new CoalescingConnector(server, 1, selectors, limits, http);
        publicConnector.setHost(config.host());
        publicConnector.setPort(config.port());
        server.addConnector(publicConnector);

        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "overtime-timers");
            t.setDaemon(true);
            return t;
        });
        timers.setRemoveOnCancelPolicy(true);

        var settings = config.environments();
        LogEcho echo = settings.echoFunctionLogs() ? new LogEcho(config.console()) : null;
        RuntimeApiDoor runtimeApi = new RuntimeApiDoor(publicConnector, settings.maxStreamedBytes(),
                settings.shapeStreams(), timers, settings.accountId());
        BundledRuntimes runtimes = BundledRuntimes.extract(settings.dataDir());
        ClassDataArchives archives = !settings.classDataArchive() ? ClassDataArchives.off()
                : ClassDataArchives.of(runtimes.javaRuntimeJar(), notice -> {
                    if (echo != null) {
                        config.console().println("overtime: " + notice);
                    }
                });
        JdkLocator jdks = new JdkLocator(System.getenv());
        // The adapter needs JDK 21+; javaFor(21) falls back to the platform's own JDK, which is 21 or newer.
        WebAdapterLayerFolder webAdapter = runtimes.webAdapterLayer(jdks.javaFor(21));
        FunctionProcessLauncher launcher = new FunctionProcessLauncher(settings, runtimes, jdks, archives,
                new CodeUnpacker(settings.dataDir()),
                new LayerFolders(settings.dataDir(), Map.of(WebAdapterLayer.MARKER, webAdapter.folder())), webAdapter,
                // A sandbox's app listens in the sandbox's own network, which only the adapter inside it reaches.
                settings.hostedWebAdapter() && !settings.sandbox()
                        ? new HostedWebAdapter(settings.maxStreamedBytes(), settings.shapeStreams()) : null,
                System.getenv(), guard);
        if (settings.sandbox()) {
            Sandboxes.open(settings.dataDir(), notice -> config.console().println("overtime: " + notice))
                    .ifPresent(launcher::isolateWith);
        }
        EnvironmentServices services = new EnvironmentServices(settings, timers, runtimeApi, launcher, echo,
                new SignalPipe(), new IdleFreezeTimer(settings.freezeGrace()));

        AccessControl access = config.auth().enabled() ? AccessControl.start(config.auth(), settings.region(),
                settings.accountId(), config.console(), timers) : null;
        FunctionRegistry functions = new FunctionRegistry();
        // The GraphQL APIs' ports are bound before the functions are deployed, so that a function's
        // !GetAtt Api.GraphQLUrl can be its real URL; their resolvers call functions only once serving.
        java.util.concurrent.atomic.AtomicReference<FunctionCalls> functionCalls =
                new java.util.concurrent.atomic.AtomicReference<>();
        Map<String, String> versionNumbers = new java.util.HashMap<>();
        GraphQlDoor graphQl = new GraphQlDoor(settings.accountId(), settings.region(), new DataSourceCalls(functionCalls::get, functions,
                qualifier -> VersionTokens.replace(qualifier, versionNumbers::get)),
                ResolverLanguages::compile, config.subscriptions(), access);
        for (int i = 0; i < graphQlApis.size(); i++) {
            graphQl.add(config.host(), config.port() == 0 ? 0 : config.port() + 1 + urls.size() + apis.size() + i,
                    graphQlApis.get(i));
        }
        FunctionLookup lookup = new FunctionLookup(functions, settings.region(), settings.accountId());
        VersionStore versionStore = new VersionStore(settings.dataDir());
        for (FunctionDefinition definition : VersionTokens.referencesLast(definitions)) {
            ConcurrencyLimit limit = ConcurrencyLimit.of(definition.reservedConcurrency(),
                    settings.defaultConcurrency());
            DeployedFunction deployed = DeployedFunction.start(
                    GraphQlUrlTokens.replaceIn(VersionTokens.replaceIn(definition, versionNumbers),
                            id -> graphQl.find(id).map(ServedGraphQlApi::graphQlUrl).orElse(null),
                            id -> graphQl.find(id).map(ServedGraphQlApi::realtimeUrl).orElse(null)),
                    versioning.getOrDefault(definition.name(), FunctionVersioning.NONE), lookup.arn(definition.name()),
                    (d, version) -> new EnvironmentPool(d, version, limit, services), versionStore,
                    notice -> config.console().println("overtime: " + notice));
            versionNumbers.putAll(deployed.declaredVersions());
            functions.add(deployed);
        }
        ObjectMapper json = new ObjectMapper();
        FunctionUrlDoor functionUrls = new FunctionUrlDoor(settings.region(), settings.accountId(), access);
        for (int i = 0; i < urls.size(); i++) {
            FunctionUrlDefinition url = urls.get(i);
            String qualifier = VersionTokens.replace(url.qualifier(), versionNumbers::get);
            DeployedFunction function = functions.find(url.functionName()).orElseThrow(() ->
                    new IllegalArgumentException("a Function URL points at " + url.functionName()
                            + ", which the template does not define"));
            if (!function.has(qualifier)) {
                throw new IllegalArgumentException("a Function URL points at " + url.functionName() + ":" + qualifier
                        + ", which does not exist");
            }
            functionUrls.add(server, http, config.host(), config.port() == 0 ? 0 : config.port() + 1 + i, url,
                    new FunctionTarget(function, qualifier));
            limits.limit(functionUrls.urlOf(function.name()).orElseThrow().connector());
        }
        Map<String, EventInvokeConfig> configs = new java.util.LinkedHashMap<>();
        eventInvokeConfigs.forEach((key, value) -> configs.put(VersionTokens.replace(key, versionNumbers::get),
                new EventInvokeConfig(value.maximumRetryAttempts(), value.maximumEventAgeSeconds(),
                        VersionTokens.replace(value.onSuccess(), versionNumbers::get),
                        VersionTokens.replace(value.onFailure(), versionNumbers::get), value.lastModifiedMillis())));
        String nodeId = NodeId.generate();
        AsyncInvocations async = AsyncInvocations.start(settings.dataDir(), config.store(), nodeId, config.async(),
                functions, lookup::arn,
                settings.region(), timers, json, configs,
                notice -> {
                    if (echo != null) {
                        config.console().println("overtime: " + notice);
                    }
                });
        if (config.store().postgres() != null && !graphQlApis.isEmpty()) {
            // After the store opened: its migrations made the table the relay writes.
            graphQl.share(new SubscriptionRelay(config.store().postgres(), json, config.subscriptions(),
                    notice -> config.console().println("overtime: " + notice)));
        }
        InvokeApiDoor invokeApi = new InvokeApiDoor(functions, json, settings.region(), settings.accountId(),
                functionUrls, async);
        functionCalls.set(new FunctionCalls(functions, async));
        ApiGatewayDoor apiGateway = new ApiGatewayDoor(settings.region(), settings.accountId(),
                functionCalls.get(), notice -> config.console().println("overtime: " + notice), access);
        for (int i = 0; i < apis.size(); i++) {
            apiGateway.add(config.host(), config.port() == 0 ? 0 : config.port() + 1 + urls.size() + i, apis.get(i));
        }
        ApiDiscovery apiDiscovery = new ApiDiscovery(apiGateway, json);
        AppSyncDiscovery graphQlDiscovery = new AppSyncDiscovery(graphQl, settings.region(), settings.accountId(), json);
        EventInvokeConfigApi eventInvokeConfigApi = new EventInvokeConfigApi(async.configs(), lookup, json);
        EventQueueApi eventQueueApi = new EventQueueApi(async, lookup, json);
        HealthApi health = new HealthApi(nodeId, async, json);
        VersionsApiDoor versionsApi = new VersionsApiDoor(lookup, json);
        RealtimeEndpoint realtime = RealtimeEndpoint.install(server, RealtimeSettings.defaults());
        // The main port's AWS APIs: behind SigV4 and IAM policies with --auth iam, open otherwise.
        Request.Handler awsApis = (request, response, callback) -> {
            if (graphQlDiscovery.handle(request, response, callback)) {
                return true;
            }
            if (apiDiscovery.handle(request, response, callback)) {
                return true;
            }
            // Before the Invoke API door, which answers every other /2015-03-31/functions path.
            if (versionsApi.handle(request, response, callback)) {
                return true;
            }
            if (invokeApi.handle(request, response, callback)) {
                return true;
            }
            if (eventInvokeConfigApi.handle(request, response, callback)) {
                return true;
            }
            if (eventQueueApi.handle(request, response, callback)) {
                return true;
            }
            if (health.handle(request, response, callback)) {
                return true;
            }
            if (Request.getPathInContext(request).equals("/overtime/environments")) {
                Responses.json(response, callback, 200, json.writeValueAsString(describe(json, functions)));
                return true;
            }
            response.getHeaders().put("x-amzn-ErrorType", "UnknownOperationException");
            Responses.json(response, callback, 404, "{\"message\":\"Overtime serves no route "
                    + Request.getPathInContext(request).replace("\"", "") + "\"}");
            return true;
        };
        Request.Handler mainPortApis = access == null ? awsApis
                : new SignedApiGuard(access, new ApiActions(settings.region(), settings.accountId()), awsApis);
        // Every door is asynchronous, so Jetty runs them on the selector thread without a hand-off.
        server.setErrorHandler(new JsonErrorHandler(runtimeApi::owns));
        server.setHandler(new HeaderCountLimit(limits.maxRequestHeaders(), new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                if (runtimeApi.handle(request, response, callback)) {
                    return true;
                }
                if (functionUrls.handle(request, response, callback)) {
                    return true;
                }
                if (apiGateway.handle(request, response, callback)) {
                    return true;
                }
                if (graphQl.handle(request, response, callback)) {
                    return true;
                }
                return mainPortApis.handle(request, response, callback);
            }
        }));
        try {
            server.start();
            apiGateway.open((CoalescingConnector) publicConnector);
            graphQl.open((CoalescingConnector) publicConnector, realtime::upgrade);
        } catch (Exception e) {
            apiGateway.close();
            graphQl.close();
            async.close();
            throw e;
        }
        Platform platform = new Platform(server, publicConnector, functions, timers, echo, config, functionUrls, async,
                services.signals(), services.idleFreezes(), guard, archives, apiGateway, graphQl);
        launcher.serveLambdaApiAt(platform.endpoint().toString());
        launcher.isolation().reachLambdaApi(platform.port(), ((CoalescingConnector) publicConnector)::acceptCallers);
        launcher.prepareClassDataArchives(definitions);
        functions.all().forEach(DeployedFunction::startProvisioned);
        async.deliverRecovered();
        timers.scheduleWithFixedDelay(platform::retireIdle, 1, 1, TimeUnit.SECONDS);
        return platform;
    }

    private static ObjectNode describe(ObjectMapper json, FunctionRegistry functions) {
        ObjectNode doc = json.createObjectNode();
        ObjectNode byFunction = doc.putObject("functions");
        for (DeployedFunction f : functions.all()) {
            ArrayNode list = byFunction.putArray(f.name());
            for (EnvironmentPool pool : f.pools()) {
                for (EnvironmentPool.EnvironmentView view : pool.describe()) {
                    list.add(json.valueToTree(view));
                }
            }
        }
        return doc;
    }

    private void retireIdle() {
        for (DeployedFunction f : functions.all()) {
            try {
                f.retireIdle();
            } catch (RuntimeException e) {
                System.err.println("overtime: retiring idle environments of " + f.name() + " failed: " + e);
            }
        }
    }

    public int port() {
        return publicConnector.getLocalPort();
    }

    /** The endpoint SDK clients use, e.g. {@code http://127.0.0.1:9000}. */
    public URI endpoint() {
        String host = config.host().equals("0.0.0.0") ? "127.0.0.1" : config.host();
        return URI.create("http://" + host + ":" + port());
    }

    /** The API Gateway APIs served, each with the URL of its own port. */
    public java.util.Collection<dev.overtime.platform.apigateway.ServedApi> apis() {
        return apiGateway.all();
    }

    /** The GraphQL APIs served, each with the URLs of its own port. */
    public java.util.Collection<ServedGraphQlApi> graphQlApis() {
        return graphQl.all();
    }

    /** The URL a function's Function URL answers on, if it has one. */
    public java.util.Optional<String> functionUrl(String functionName) {
        return functionUrls.urlOf(functionName).map(FunctionUrlDoor.ServedUrl::url);
    }

    public FunctionRegistry functions() {
        return functions;
    }

    /** How many freeze and thaw signals have been sent so far; for diagnostics and tests. */
    public long freezeSignalsSent() {
        return signals.sent();
    }

    public PlatformConfig config() {
        return config;
    }

    /** The asynchronous event queue. */
    public AsyncInvocations async() {
        return async;
    }

    /** Stops every environment, then the server. */
    @Override
    public void close() {
        // Delivery stops first: the failures the stopping environments report are not the events' fault,
        // so their events stay in flight in the store and run again after a restart.
        async.stopDelivery();
        archives.close();
        // SIGTERM to every environment at once, then one shared grace period before SIGKILL.
        java.util.List<Thread> closers = new java.util.ArrayList<>();
        for (DeployedFunction f : functions.all()) {
            for (EnvironmentPool pool : f.pools()) {
                closers.add(Thread.ofVirtual().start(() -> pool.close(java.time.Duration.ofMillis(500))));
            }
        }
        for (Thread closer : closers) {
            try {
                closer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // Nothing more is frozen once the environments are gone; then what was frozen is continued and ended.
        idleFreezes.close();
        signals.close();
        // Every environment has ended its processes: this only ends the watchdog and removes the record.
        guard.close();
        apiGateway.close();
        graphQl.close();
        try {
            server.stop();
        } catch (Exception e) {
            System.err.println("overtime: stopping the server failed: " + e);
        }
        timers.shutdownNow();
        async.close();
        if (echo != null) {
            echo.close();
        }
    }
}

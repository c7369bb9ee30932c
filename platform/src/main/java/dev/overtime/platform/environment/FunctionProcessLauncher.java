package dev.overtime.platform.environment;

import dev.overtime.platform.extensions.ExtensionSet;
import dev.overtime.platform.function.FunctionDefinition;
import dev.overtime.platform.function.WebAdapterLayer;
import dev.overtime.platform.invocation.FunctionErrors;
import dev.overtime.platform.processes.ProcessGuard;
import dev.overtime.platform.processes.Setsid;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Starts one function process with Lambda's environment: a clean set of variables (nothing leaks
 * from the platform's own environment except AWS credentials, as {@code sam local} passes them),
 * the task root as working directory, and stdout and stderr appended to the environment's log.
 * Every process leads its own process group when {@code setsid} exists, and is handed to the
 * {@link ProcessGuard}, so that none outlives the platform.
 */
public final class FunctionProcessLauncher {

    private static final List<String> PASSED_THROUGH = List.of(
            "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");

    private volatile String lambdaEndpoint;
    private final EnvironmentSettings settings;
    private final BundledRuntimes runtimes;
    private final JdkLocator jdks;
    private final ClassDataArchives archives;
    private final CodeUnpacker code;
    private final LayerFolders layers;
    private final Map<String, String> platformEnv;
    private final ProcessGuard guard;
    private final WebAdapterLayerFolder webAdapter;
    /** Runs the web adapter layer's {@code lambda-adapter} inside the platform; null to start its process. */
    private final WebAdapterHost webAdapterHost;
    private final AppPorts appPorts = new AppPorts();
    private volatile ProcessIsolation isolation = ProcessIsolation.HOST;

    /**
     * @param layers     must put {@code webAdapter}'s folder in the place of {@link WebAdapterLayer#MARKER}
     * @param webAdapter the built-in web adapter layer
     * @param webAdapterHost runs that layer's adapter inside the platform; null to start it as an extension process
     */
    public FunctionProcessLauncher(EnvironmentSettings settings, BundledRuntimes runtimes, JdkLocator jdks,
                                   ClassDataArchives archives, CodeUnpacker code, LayerFolders layers,
                                   WebAdapterLayerFolder webAdapter, WebAdapterHost webAdapterHost,
                                   Map<String, String> platformEnv, ProcessGuard guard) {
        this.webAdapter = webAdapter;
        this.webAdapterHost = webAdapterHost;
        this.guard = guard;
        this.settings = settings;
        this.runtimes = runtimes;
        this.jdks = jdks;
        this.archives = archives;
        this.code = code;
        this.layers = layers;
        this.platformEnv = platformEnv;
    }

    public Process launch(Environment env, String runtimeApiAddress) throws LaunchException {
        FunctionDefinition fn = env.function();
        Path taskRoot;
        Optional<Path> opt;
        try {
            taskRoot = code.taskRoot(fn.name(), fn.code());
            opt = layers.optFor(fn.name(), fn.layers());
        } catch (UncheckedIOException e) {
            throw new LaunchException(e.getMessage(), id -> FunctionErrors.invalidEntrypoint(id, e.getMessage()));
        }
        ProcessIsolation.Enclosure enclosure = env.enclosure();
        UnaryOperator<Path> seen = path -> enclosure.seen(path, taskRoot, opt);
        RuntimeFamily family = RuntimeFamily.of(fn.runtime());
        List<String> runtimeCommand = command(fn, family, taskRoot, opt, seen);
        List<String> command = withExecWrapper(fn, family, taskRoot, opt, runtimeCommand, seen);
        ProcessBuilder pb = new ProcessBuilder()
                .directory(taskRoot.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(env.log().file().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> vars = pb.environment();
        vars.clear();
        // The runtime's folder (LAMBDA_RUNTIME_DIR, first on the PATH) is the runtime's, not its wrapper's: a
        // wrapper such as LWA's bootstrap runs a script that expects node on the PATH.
        vars.putAll(lambdaVariables(env, fn, family, seen.apply(taskRoot), opt.map(seen), runtimeApiAddress,
                Path.of(runtimeCommand.get(0))));
        try {
            Process runtime = enclosure.start(pb, command, taskRoot, opt,
                    runtimeFiles(fn, family == RuntimeFamily.PROVIDED ? null : Path.of(runtimeCommand.get(0))));
            guard.watch(runtime);
            return runtime;
        } catch (IOException e) {
            String detail = "could not start " + command.get(0) + ": " + e.getMessage();
            throw new LaunchException(detail, id -> FunctionErrors.invalidEntrypoint(id, detail));
        }
    }

    /**
     * The host folders a function's processes need besides the system's, its code and its layers: the platform's
     * bundled runtimes, the home of {@code runtimeBinary} (a JDK, Node.js) and the web adapter's JDK.
     */
    private List<Path> runtimeFiles(FunctionDefinition fn, Path runtimeBinary) {
        List<Path> files = new ArrayList<>();
        files.add(runtimes.javaRuntimeJar().getParent());
        if (runtimeBinary != null) {
            files.add(installHome(runtimeBinary));
        }
        if (WebAdapterLayer.usedBy(fn)) {
            files.add(installHome(jdks.javaFor(21)));
        }
        return files;
    }

    /** {@code /usr/lib/jvm/jdk-21} for {@code /usr/lib/jvm/jdk-21/bin/java}. */
    private static Path installHome(Path binary) {
        Path bin = binary.toAbsolutePath().getParent();
        return bin.getParent() == null ? bin : bin.getParent();
    }

    /**
     * Starts every executable in the layers' {@code extensions/} folder (AWS's {@code /opt/extensions/}),
     * then in the code's, each as its own process with the runtime's environment and log, and hands
     * them to the environment's extensions. A file that cannot be started is logged and skipped.
     * More than {@link ExtensionSet#MAX_EXTENSIONS} fail the init before any starts, as on AWS
     * ({@code Extension.LaunchError}), rather than leaving one to be refused at registration.
     */
    public void launchExtensions(Environment env, String runtimeApiAddress) throws LaunchException {
        FunctionDefinition fn = env.function();
        List<String> names = new ArrayList<>();
        List<Process> started = new ArrayList<>();
        Path taskRoot;
        Optional<Path> opt;
        try {
            taskRoot = code.taskRoot(fn.name(), fn.code());
            opt = layers.optFor(fn.name(), fn.layers());
        } catch (UncheckedIOException e) {
            env.extensions().launched(names, started);
            return;
        }
        if (webAdapterHost == null && WebAdapterLayer.usedBy(fn) && webAdapter.adapterJar().isEmpty()
                && opt.filter(folder -> webAdapter.isLauncher(folder.resolve("extensions/lambda-adapter"))).isPresent()) {
            String detail = "the function uses the web adapter layer, but this build of Overtime has no web adapter ("
                    + "overtime/overtime-web-adapter.jar is missing from the platform jar); rebuild with ./mvnw package";
            throw new LaunchException(detail, id -> FunctionErrors.failure("Extension.LaunchError", id, detail));
        }
        List<Path> executables = new ArrayList<>();
        opt.ifPresent(folder -> executables.addAll(executablesIn(env, folder.resolve("extensions"))));
        Path hostedAdapter = null;
        if (webAdapterHost != null) {
            hostedAdapter = executables.stream().filter(webAdapter::isLauncher).findFirst().orElse(null);
            executables.remove(hostedAdapter);
        }
        executables.addAll(executablesIn(env, taskRoot.resolve("extensions")));
        if (executables.size() > ExtensionSet.MAX_EXTENSIONS) {
            String detail = executables.size() + " extensions found; a function may have at most "
                    + ExtensionSet.MAX_EXTENSIONS + " (Extension.TooManyExtensions)";
            throw new LaunchException(detail, id -> FunctionErrors.failure("Extension.LaunchError", id, detail));
        }
        env.extensions().launching(executables.stream().map(e -> e.getFileName().toString()).toList());
        ProcessIsolation.Enclosure enclosure = env.enclosure();
        UnaryOperator<Path> seen = path -> enclosure.seen(path, taskRoot, opt);
        for (Path executable : executables) {
            ProcessBuilder pb = new ProcessBuilder()
                    .directory(taskRoot.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(env.log().file().toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().clear();
            pb.environment().putAll(lambdaVariables(env, fn, RuntimeFamily.of(fn.runtime()), seen.apply(taskRoot),
                    opt.map(seen), runtimeApiAddress, seen.apply(executable)));
            try {
                Process extension = enclosure.start(pb, List.of(seen.apply(executable).toString()), taskRoot, opt,
                        runtimeFiles(fn, null));
                guard.watch(extension);
                if (env.freezer() != null) {
                    // Frozen with the runtime: on AWS an extension stops between invocations too.
                    env.freezer().add(extension.toHandle(), leadsProcessGroup(fn));
                }
                started.add(extension);
                names.add(executable.getFileName().toString());
            } catch (IOException e) {
                env.log().platformLine("-", "Error: could not start extension " + executable + ": " + e.getMessage());
            }
        }
        env.extensions().launched(names, started);
        if (hostedAdapter != null) {
            webAdapterHost.start(env, lambdaVariables(env, fn, RuntimeFamily.of(fn.runtime()), taskRoot, opt,
                    runtimeApiAddress, hostedAdapter));
        }
    }

    private static List<Path> executablesIn(Environment env, Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.filter(f -> Files.isRegularFile(f) && Files.isExecutable(f)).sorted().toList();
        } catch (IOException e) {
            env.log().platformLine("-", "Error: cannot list " + dir + ": " + e.getMessage());
            return List.of();
        }
    }

    /**
     * Whether {@code fn}'s process is started as the leader of its own process group, so that one
     * signal freezes it with all its descendants. Every function's is, when {@code setsid} exists:
     * the group is also what {@link ProcessGuard} ends if the platform dies.
     */
    public boolean leadsProcessGroup(FunctionDefinition fn) {
        return Setsid.available();
    }

    private List<String> command(FunctionDefinition fn, RuntimeFamily family, Path taskRoot, Optional<Path> opt,
                                 UnaryOperator<Path> seen) throws LaunchException {
        return switch (family) {
            case PROVIDED -> List.of(seen.apply(bootstrap(taskRoot, opt)).toString());
            case JAVA -> javaCommand(fn);
            case NODE -> List.of(node().toString(), runtimes.nodeBootstrap().toString());
        };
    }

    /**
     * The runtime's command behind the function's {@code AWS_LAMBDA_EXEC_WRAPPER}, as Lambda runs it for managed
     * runtimes ({@code wrapper <command...>}); {@code provided*} runtimes ignore the variable, as on Lambda. An
     * {@code /opt/...} wrapper is taken from the function's layer folder, a {@code /var/task/...} one from its code.
     */
    private static List<String> withExecWrapper(FunctionDefinition fn, RuntimeFamily family, Path taskRoot,
                                                Optional<Path> opt, List<String> command, UnaryOperator<Path> seen)
            throws LaunchException {
        String written = fn.environment().get("AWS_LAMBDA_EXEC_WRAPPER");
        if (family == RuntimeFamily.PROVIDED || written == null || written.isBlank()) {
            return command;
        }
        Path wrapper = hostPath(written, taskRoot, opt);
        if (!Files.isRegularFile(wrapper) || !Files.isExecutable(wrapper)) {
            String detail = "AWS_LAMBDA_EXEC_WRAPPER " + written + " (" + wrapper + ") is not an executable file"
                    + (written.startsWith("/opt/") && opt.isEmpty() ? "; the function has no layers" : "");
            throw new LaunchException(detail, id -> FunctionErrors.invalidEntrypoint(id, detail));
        }
        List<String> wrapped = new ArrayList<>(command.size() + 1);
        wrapped.add(seen.apply(wrapper).toString());
        wrapped.addAll(command);
        return wrapped;
    }

    /** Where a path as Lambda sees it is on this host: {@code /opt} is the layer folder, {@code /var/task} the code. */
    static Path hostPath(String lambdaPath, Path taskRoot, Optional<Path> opt) {
        if (lambdaPath.startsWith("/opt/") && opt.isPresent()) {
            return opt.get().resolve(lambdaPath.substring("/opt/".length()));
        }
        if (lambdaPath.startsWith("/var/task/")) {
            return taskRoot.resolve(lambdaPath.substring("/var/task/".length()));
        }
        return taskRoot.resolve(lambdaPath);
    }

    /**
     * The code's {@code bootstrap}, else the layers' (Lambda's {@code /opt/bootstrap}), which is how AWS Lambda Web
     * Adapter's layer runs a {@code provided.al2023} function's {@code run.sh}.
     */
    private static Path bootstrap(Path taskRoot, Optional<Path> opt) throws LaunchException {
        Path bootstrap = taskRoot.resolve("bootstrap");
        Optional<Path> fromLayers = opt.map(folder -> folder.resolve("bootstrap")).filter(Files::isRegularFile);
        if (!Files.isRegularFile(bootstrap) && fromLayers.isPresent()) {
            bootstrap = fromLayers.get();
        }
        if (!Files.isRegularFile(bootstrap)) {
            String detail = "Couldn't find valid bootstrap(s): [" + bootstrap
                    + opt.map(folder -> " " + folder.resolve("bootstrap")).orElse("") + "]";
            throw new LaunchException(detail, id -> FunctionErrors.invalidEntrypoint(id, detail));
        }
        if (!Files.isExecutable(bootstrap)) {
            String detail = "fork/exec " + bootstrap + ": permission denied (make it executable: chmod +x "
                    + bootstrap + ")";
            throw new LaunchException(detail, id -> FunctionErrors.invalidEntrypoint(id, detail));
        }
        return bootstrap;
    }

    private List<String> javaCommand(FunctionDefinition fn) {
        Path java = jdks.javaFor(RuntimeFamily.javaVersion(fn.runtime()));
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.addAll(JavaRuntimeFlags.forFunction(fn.memorySizeMb(), fn.environment().get("JAVA_TOOL_OPTIONS"),
                () -> archives.flagsFor(java)));
        cmd.addAll(List.of("-cp", runtimes.javaRuntimeJar().toString(), "dev.overtime.runtime.Main"));
        if (fn.handler() != null) {
            cmd.add(fn.handler());
        }
        return cmd;
    }

    /**
     * Starts making, in the background, the class-data archive of every JDK that one of
     * {@code functions} would start with one.
     */
    public void prepareClassDataArchives(List<FunctionDefinition> functions) {
        for (FunctionDefinition fn : functions) {
            if (RuntimeFamily.of(fn.runtime()) == RuntimeFamily.JAVA
                    && JavaRuntimeFlags.leavesSharingToPlatform(fn.environment().get("JAVA_TOOL_OPTIONS"))) {
                archives.prepare(jdks.javaFor(RuntimeFamily.javaVersion(fn.runtime())));
            }
        }
    }

    private Path node() throws LaunchException {
        String configured = platformEnv.get("OVERTIME_NODE");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (String dir : platformEnv.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "node");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String detail = "node was not found on the PATH; install Node.js or set OVERTIME_NODE to its binary";
        throw new LaunchException(detail, id -> FunctionErrors.invalidEntrypoint(id, detail));
    }

    private Map<String, String> lambdaVariables(Environment env, FunctionDefinition fn, RuntimeFamily family,
                                                Path taskRoot, Optional<Path> opt, String runtimeApi,
                                                Path executable) {
        Map<String, String> v = new java.util.LinkedHashMap<>();
        for (String key : PASSED_THROUGH) {
            String value = platformEnv.get(key);
            if (value != null) {
                v.put(key, value);
            }
        }
        String runtimeDir = executable.getParent() == null ? taskRoot.toString() : executable.getParent().toString();
        String optDir = opt.map(Path::toString).orElse("/opt");
        v.put("PATH", runtimeDir + ":/usr/local/bin:/usr/bin:/bin:" + optDir + "/bin");
        v.put("LD_LIBRARY_PATH", "/lib64:/usr/lib64:" + taskRoot + ":" + taskRoot + "/lib:" + optDir + "/lib");
        v.put("LANG", "en_US.UTF-8");
        v.put("TZ", ":UTC");
        v.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        v.put("LAMBDA_RUNTIME_DIR", runtimeDir);
        v.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        v.put("AWS_REGION", settings.region());
        v.put("AWS_DEFAULT_REGION", settings.region());
        v.put("AWS_LAMBDA_FUNCTION_NAME", fn.name());
        v.put("AWS_LAMBDA_FUNCTION_VERSION", env.version());
        v.put("AWS_LAMBDA_INITIALIZATION_TYPE", env.initializationType());
        v.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(fn.memorySizeMb()));
        v.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + fn.name());
        v.put("AWS_LAMBDA_LOG_STREAM_NAME", env.logStreamName());
        if (fn.handler() != null) {
            v.put("_HANDLER", fn.handler());
        }
        if (family != RuntimeFamily.PROVIDED) {
            v.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + fn.runtime());
        }
        if (family == RuntimeFamily.NODE) {
            v.put("NODE_PATH", opt.isEmpty()
                    ? "/opt/nodejs/node_modules:" + taskRoot + "/node_modules"
                    : optDir + "/nodejs/" + nodeMajor(fn.runtime()) + "/node_modules:" + optDir
                            + "/nodejs/node_modules:" + taskRoot + "/node_modules");
        }
        // Java reads its layer libraries from $OVERTIME_OPT/java/lib, AWS's /opt/java/lib.
        opt.ifPresent(folder -> v.put("OVERTIME_OPT", folder.toString()));
        if (lambdaEndpoint != null) {
            // SDKs and AsyncHandoff in the function reach this platform's Lambda API, not AWS's.
            v.put("AWS_ENDPOINT_URL_LAMBDA", lambdaEndpoint);
        }
        v.putAll(fn.environment());
        if (WebAdapterLayer.usedBy(fn)) {
            webAppPort(v, appPorts.of(env));
        }
        return v;
    }

    /**
     * Gives the web app its environment's own port, as both {@code AWS_LWA_PORT} (the adapter's) and {@code PORT}
     * (the app's), over the template's values; a readiness check port the template set to the app's port follows it.
     */
    static void webAppPort(Map<String, String> vars, int port) {
        String written = vars.getOrDefault("AWS_LWA_PORT", vars.getOrDefault("PORT", "8080"));
        if (written.equals(vars.get("AWS_LWA_READINESS_CHECK_PORT"))) {
            vars.put("AWS_LWA_READINESS_CHECK_PORT", Integer.toString(port));
        }
        vars.put("AWS_LWA_PORT", Integer.toString(port));
        vars.put("PORT", Integer.toString(port));
    }

    /** {@code nodejs20.x} becomes {@code node20}, the folder name Lambda gives a layer's modules per Node version. */
    private static String nodeMajor(String runtime) {
        return runtime.replaceFirst("^nodejs(\\d+).*$", "node$1");
    }

    /** Where environments' processes run: on the host unless {@link #isolateWith} was given a sandbox. */
    public ProcessIsolation isolation() {
        return isolation;
    }

    /** Runs every environment started from now on in {@code processes}' enclosures. */
    public void isolateWith(ProcessIsolation processes) {
        this.isolation = processes;
    }

    /** The Lambda API functions should call (set once the public port is known), e.g. {@code http://127.0.0.1:9000}. */
    public void serveLambdaApiAt(String endpoint) {
        this.lambdaEndpoint = endpoint;
    }
}

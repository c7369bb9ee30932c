package dev.overtime.platform.environment;

import dev.overtime.platform.extensions.ExtensionSet;
import dev.overtime.platform.function.FunctionDefinition;
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

    public FunctionProcessLauncher(EnvironmentSettings settings, BundledRuntimes runtimes, JdkLocator jdks,
                                   ClassDataArchives archives, CodeUnpacker code, LayerFolders layers,
                                   Map<String, String> platformEnv, ProcessGuard guard) {
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
        RuntimeFamily family = RuntimeFamily.of(fn.runtime());
        List<String> command = command(fn, family, taskRoot);
        ProcessBuilder pb = new ProcessBuilder(Setsid.wrap(command))
                .directory(taskRoot.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(env.log().file().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> vars = pb.environment();
        vars.clear();
        vars.putAll(lambdaVariables(env, fn, family, taskRoot, opt, runtimeApiAddress, Path.of(command.get(0))));
        try {
            Process runtime = pb.start();
            guard.watch(runtime);
            return runtime;
        } catch (IOException e) {
            String detail = "could not start " + command.get(0) + ": " + e.getMessage();
            throw new LaunchException(detail, id -> FunctionErrors.invalidEntrypoint(id, detail));
        }
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
        List<Path> executables = new ArrayList<>();
        opt.ifPresent(folder -> executables.addAll(executablesIn(env, folder.resolve("extensions"))));
        executables.addAll(executablesIn(env, taskRoot.resolve("extensions")));
        if (executables.size() > ExtensionSet.MAX_EXTENSIONS) {
            String detail = executables.size() + " extensions found; a function may have at most "
                    + ExtensionSet.MAX_EXTENSIONS + " (Extension.TooManyExtensions)";
            throw new LaunchException(detail, id -> FunctionErrors.failure("Extension.LaunchError", id, detail));
        }
        env.extensions().launching(executables.stream().map(e -> e.getFileName().toString()).toList());
        for (Path executable : executables) {
            ProcessBuilder pb = new ProcessBuilder(Setsid.wrap(List.of(executable.toString())))
                    .directory(taskRoot.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(env.log().file().toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().clear();
            pb.environment().putAll(lambdaVariables(env, fn, RuntimeFamily.of(fn.runtime()), taskRoot, opt,
                    runtimeApiAddress, executable));
            try {
                Process extension = pb.start();
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

    private List<String> command(FunctionDefinition fn, RuntimeFamily family, Path taskRoot) throws LaunchException {
        return switch (family) {
            case PROVIDED -> List.of(bootstrap(taskRoot).toString());
            case JAVA -> javaCommand(fn);
            case NODE -> List.of(node().toString(), runtimes.nodeBootstrap().toString());
        };
    }

    private static Path bootstrap(Path taskRoot) throws LaunchException {
        Path bootstrap = taskRoot.resolve("bootstrap");
        if (!Files.isRegularFile(bootstrap)) {
            String detail = "Couldn't find valid bootstrap(s): [" + bootstrap + "]";
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
        return v;
    }

    /** {@code nodejs20.x} becomes {@code node20}, the folder name Lambda gives a layer's modules per Node version. */
    private static String nodeMajor(String runtime) {
        return runtime.replaceFirst("^nodejs(\\d+).*$", "node$1");
    }

    /** The Lambda API functions should call (set once the public port is known), e.g. {@code http://127.0.0.1:9000}. */
    public void serveLambdaApiAt(String endpoint) {
        this.lambdaEndpoint = endpoint;
    }
}

package dev.overtime.platform.cli;

import dev.overtime.platform.environment.EnvironmentSettings;
import dev.overtime.platform.environment.RuntimeFamily;
import dev.overtime.platform.function.FunctionDefinition;
import dev.overtime.platform.server.Platform;
import dev.overtime.platform.server.PlatformConfig;
import dev.overtime.platform.template.LoadedTemplate;
import dev.overtime.platform.template.NotServedResource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;

/** {@code overtime serve}: serves a template's functions until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the functions of a SAM template over the Lambda APIs.")
final class ServeCommand implements Callable<Integer> {

    @Option(names = {"-t", "--template"}, defaultValue = "template.yaml", paramLabel = "FILE",
            description = "SAM or CloudFormation template (default: ${DEFAULT-VALUE})")
    Path template;

    @Option(names = {"-p", "--port"}, defaultValue = "9000", paramLabel = "N",
            description = "Port of the Lambda API (default: ${DEFAULT-VALUE}; 0 picks a free one)")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 to self-host)")
    String host;

    @Option(names = {"-d", "--data"}, defaultValue = ".overtime", paramLabel = "DIR",
            description = "Data folder for logs and unpacked code (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--region", defaultValue = "us-east-1", description = "Region in ARNs and AWS_REGION (default: ${DEFAULT-VALUE})")
    String region;

    @Option(names = "--concurrency", defaultValue = "32", paramLabel = "N",
            description = "Environments per function without ReservedConcurrentExecutions (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--idle-timeout", defaultValue = "PT10M", paramLabel = "DURATION",
            description = "Retire an environment idle this long, ISO-8601 (default: ${DEFAULT-VALUE})")
    Duration idleTimeout;

    @Option(names = "--parameter-overrides", split = ",", paramLabel = "KEY=VALUE",
            description = "Template parameter values, e.g. Stage=dev,Greeting=hi")
    Map<String, String> parameters = new LinkedHashMap<>();

    @Mixin
    StackNameOption stackName;

    @Option(names = "--max-stream-mb", defaultValue = "200", paramLabel = "MB",
            description = "Largest streamed response in MB (default: ${DEFAULT-VALUE}, as on AWS)")
    long maxStreamMb;

    @Option(names = "--shape-streams",
            description = "Stream responses at AWS's bandwidth: 6 MB at full speed, then 2 MB/s")
    boolean shapeStreams;

    @Option(names = "--freeze", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Stop an environment's processes between invocations, as AWS freezes them, so background "
                    + "work that would stall on AWS stalls here too (default: on; --no-freeze to let it run; "
                    + "a function's Metadata.Overtime.Freeze overrides it)")
    boolean freeze;

    @Option(names = "--selectors", paramLabel = "N",
            description = "Selector threads for all HTTP connections (default: one per core)")
    Integer selectors;

    @Option(names = "--quiet", description = "Do not echo function output to the console (it stays in DIR/logs)")
    boolean quiet;

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
        if (selectors != null && selectors < 1) {
            throw new CliFailure("--selectors must be at least 1, got " + selectors);
        }
        String stack = stackName.forTemplate(template);
        LoadedTemplate loaded = Templates.load(template, parameters, region, stack);
        EnvironmentSettings settings = EnvironmentSettings.defaults(data.toAbsolutePath())
                .withRegion(region).withDefaultConcurrency(concurrency).withIdleTimeout(idleTimeout).withEcho(!quiet)
                .withMaxStreamedBytes(maxStreamMb * 1024 * 1024).withShapedStreams(shapeStreams)
                .withFreeze(freeze);
        PlatformConfig config = new PlatformConfig(host, port, settings).withSelectors(selectors == null ? 0 : selectors);
        Platform platform = Platform.start(config, loaded.functions(),
                loaded.functionUrls(), loaded.eventInvokeConfigs());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            platform.close();
            stopped.countDown();
        }, "overtime-shutdown"));
        printBanner(loaded, stack, platform);
        stopped.await();
        return 0;
    }

    private void printBanner(LoadedTemplate loaded, String stack, Platform platform) {
        String endpoint = platform.endpoint().toString();
        System.out.println("Overtime " + Version.VALUE + " serving " + template + " (stack " + stack + ") on " + endpoint
                + " (data in " + data + ")");
        System.out.println();
        for (FunctionDefinition fn : loaded.functions()) {
            RuntimeFamily.of(fn.runtime());
            System.out.printf("  %-24s %-16s %s%n", fn.name(), fn.runtime(), fn.handler() == null ? "bootstrap" : fn.handler());
            System.out.println("    aws lambda invoke --endpoint-url " + endpoint + " --function-name " + fn.name()
                    + " --cli-binary-format raw-in-base64-out --payload '{\"name\":\"Ada\"}' /dev/stdout");
            platform.functionUrl(fn.name()).ifPresent(url -> System.out.println("    curl -N " + url));
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
        System.out.println();
        System.out.println("Event invokes (--invocation-type Event) are queued on disk in " + data.resolve("async")
                + "; see them with: overtime events list NAME");
        System.out.println("Ready. Ctrl-C stops the platform and every function process; queued events wait for the next start.");
    }
}

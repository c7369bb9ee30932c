package dev.overtime.bench;

import dev.overtime.platform.environment.ConcurrencyLimit;
import dev.overtime.platform.environment.EnvironmentPool;
import dev.overtime.platform.function.DeployedFunction;
import dev.overtime.platform.function.FunctionDefinition;
import dev.overtime.platform.function.FunctionRegistry;
import dev.overtime.platform.function.FunctionVersion;
import dev.overtime.platform.invoke.FunctionLookup;
import dev.overtime.platform.versions.ConfigurationChange;
import dev.overtime.platform.versions.FunctionVersioning;
import dev.overtime.platform.versions.VersionStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the invoke path spends finding the version to run, isolated from everything else (JMH): the
 * door's lookup of the name and qualifier as a request names them, then the version the target runs.
 * The baseline is a bare name ({@code $LATEST}), which is what every invoke did before versions.
 * The pools exist but never start an environment.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AliasResolution {

    private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:hello-java";

    private FunctionLookup lookup;
    private Path folder;

    @Setup(Level.Trial)
    public void publish() throws Exception {
        folder = Files.createTempDirectory("overtime-alias-resolution");
        Path code = Files.createDirectories(folder.resolve("code"));
        Files.writeString(code.resolve("bootstrap"), "#!/bin/sh\n");
        FunctionDefinition hello = new FunctionDefinition("Hello", "hello-java", "provided.al2023", null, code,
                Duration.ofSeconds(3), 128, Map.of(), null, "");
        ConcurrencyLimit limit = ConcurrencyLimit.of(null, 32);
        DeployedFunction function = DeployedFunction.start(hello, FunctionVersioning.NONE, ARN,
                (definition, version) -> new EnvironmentPool(definition, version, limit, null),
                new VersionStore(folder.resolve("data")), notice -> { });
        function.publish(null, null, null);
        function.update(new ConfigurationChange(null, null, null, null, null, Map.of("V", "2"), null, null, null),
                null);
        function.publish(null, null, null);
        function.createAlias("live", "1", "2", 0.3, "");
        function.createAlias("steady", "1", null, 0, "");
        FunctionRegistry registry = new FunctionRegistry();
        registry.add(function);
        lookup = new FunctionLookup(registry, "us-east-1", "123456789012");
    }

    @TearDown(Level.Trial)
    public void delete() {
        WorkFolders.deleteQuietly(folder);
    }

    @Benchmark
    public FunctionVersion bareName() throws Exception {
        return lookup.find("hello-java", null).version();
    }

    @Benchmark
    public FunctionVersion version() throws Exception {
        return lookup.find("hello-java", "1").version();
    }

    @Benchmark
    public FunctionVersion alias() throws Exception {
        return lookup.find("hello-java", "steady").version();
    }

    @Benchmark
    public FunctionVersion weightedAlias() throws Exception {
        return lookup.find("hello-java", "live").version();
    }

    @Benchmark
    public FunctionVersion weightedAliasArn() throws Exception {
        return lookup.find(ARN + ":live", null).version();
    }
}

package dev.overtime.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.overtime.runtime.fixtures.Faulty;
import dev.overtime.runtime.fixtures.Greeters;
import dev.overtime.runtime.fixtures.Signatures;
import dev.overtime.runtime.fixtures.Streams;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Handler strings, shapes and faults, following AWS's EventHandlerLoader. */
class HandlerLoaderTest {

    private static final ClassLoader LOADER = HandlerLoaderTest.class.getClassLoader();

    static InvocationContext context() {
        FunctionConfig config = FunctionConfig.from(new String[0], Collections.emptyMap());
        InvocationRequest request = new InvocationRequest("req-1", System.currentTimeMillis() + 1000,
                "arn", null, null, null, null, new byte[0]);
        return new InvocationContext(request, config, new RuntimeLogger(null, null));
    }

    static String invoke(Handler handler, String input) throws Throwable {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handle(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, context());
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String invoke(String handler, String input) throws Throwable {
        return invoke(HandlerLoader.load(handler, LOADER), input);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "inOutCtx  | {\"name\":\"Ada\"} | inOutCtx:{\"name\":\"Ada\"}:req-1",
        "inOut     | {\"name\":\"Ada\"} | inOut:{\"name\":\"Ada\"}",
        "outCtx    | {\"name\":\"Ada\"} | outCtx:req-1",
        "inCtx     | {\"name\":\"Ada\"} | null",
        "in        | {\"name\":\"Ada\"} | null",
        "out       | {\"name\":\"Ada\"} | out",
        "ctx       | {\"name\":\"Ada\"} | \"ctx:req-1\"",
        "pojoCtx   | {\"name\":\"Ada\"} | \"pojoCtx:Ada:req-1\"",
        "pojo      | {\"name\":\"Ada\"} | \"pojo:Ada\"",
        "none      | {\"name\":\"Ada\"} | \"none\"",
        "staticPojo| {\"name\":\"Ada\"} | \"static:Ada\"",
    })
    void load_withMethod_acceptsEachSignatureAwsAccepts(String method, String input, String expected) throws Throwable {
        assertThat(invoke(Signatures.class.getName() + "::" + method, input)).isEqualTo(expected);
    }

    @Test
    void load_withOverloads_prefersTheLongestWithTrailingContextCountingDouble() throws Throwable {
        // (T, Context) weighs 3 and beats (InputStream, OutputStream) at 2 and (T) at 1.
        assertThat(invoke(Signatures.class.getName() + "::overloaded", "{}")).isEqualTo("\"overloaded(T, Context)\"");
    }

    @Test
    void load_withStaticMethod_needsNoPublicConstructor() throws Throwable {
        assertThat(invoke(Signatures.StaticOnly.class.getName() + "::handle", "\"x\"")).isEqualTo("\"static:x\"");
    }

    @Test
    void load_withInstanceMethodAndNoPublicConstructor_faults() {
        assertThatThrownBy(() -> HandlerLoader.load(Signatures.StaticOnly.class.getName() + "::instance", LOADER))
                .isInstanceOf(HandlerFault.class)
                .hasMessage("Class " + Signatures.StaticOnly.class.getName() + " has no public zero-argument constructor");
    }

    @Test
    void load_withOnlyUnsupportedSignatures_faultsWithAwsMessage() {
        assertThatThrownBy(() -> HandlerLoader.load(Signatures.class.getName() + "::unsupported", LOADER))
                .isInstanceOf(HandlerFault.class)
                .hasMessage("No public method named unsupported with appropriate method signature found on class "
                        + Signatures.class.getName())
                .extracting("errorType").isNull();
    }

    @Test
    void load_splitsClassAndMethodOnTheLastDoubleColon() {
        assertThatThrownBy(() -> HandlerLoader.load("a::b::c", LOADER))
                .hasMessage("Class not found: a::b")
                .extracting("errorType").isEqualTo("java.lang.ClassNotFoundException");
    }

    @ParameterizedTest
    @CsvSource({"::handle", "com.example.Fn::"})
    void load_withEmptyClassOrMethod_faultsAsInvalidHandler(String handler) {
        assertThatThrownBy(() -> HandlerLoader.load(handler, LOADER))
                .hasMessage("Invalid handler: `" + handler + "'");
    }

    @Test
    void load_withRequestHandlerSubclass_resolvesTypeArgumentsThroughAbstractSuperclass() throws Throwable {
        assertThat(invoke(Greeters.PersonGreeter.class.getName(), "{\"name\":\"Ada\",\"age\":36}"))
                .isEqualTo("\"Hello, Ada (36)!\"");
    }

    @Test
    void typeArguments_keepsParameterizedTypesOfTheInterface() {
        Type[] types = HandlerLoader.typeArguments(Greeters.MapGreeter.class,
                com.amazonaws.services.lambda.runtime.RequestHandler.class);

        assertThat(types).hasSize(2);
        assertThat(types[0]).isInstanceOf(ParameterizedType.class);
        assertThat(((ParameterizedType) types[0]).getRawType()).isEqualTo(Map.class);
    }

    @Test
    void load_withRequestStreamHandler_needsNoSerialization() throws Throwable {
        assertThat(invoke(Streams.class.getName(), "raw bytes")).isEqualTo("raw bytes");
    }

    @Test
    void load_withUnboundTypeParameter_faultsWithAwsMessage() {
        assertThatThrownBy(() -> HandlerLoader.load(Greeters.Unbound.class.getName(), LOADER))
                .hasMessage("Class " + Greeters.Unbound.class.getName()
                        + " does not implement RequestHandler with concrete type parameters: parameter T has no upper bound.");
    }

    @Test
    void load_withRawRequestHandler_faultsWithAwsMessage() {
        assertThatThrownBy(() -> HandlerLoader.load(Greeters.Raw.class.getName(), LOADER))
                .hasMessage("Class " + Greeters.Raw.class.getName()
                        + " does not implement RequestHandler with concrete type parameters");
    }

    @Test
    void load_withClassThatIsNoHandler_faults() {
        assertThatThrownBy(() -> HandlerLoader.load(Faulty.NotAHandler.class.getName(), LOADER))
                .hasMessage("Class does not implement an appropriate handler interface: "
                        + Faulty.NotAHandler.class.getName());
    }

    @Test
    void load_withNonStaticInnerClass_faults() {
        assertThatThrownBy(() -> HandlerLoader.load(Faulty.Inner.class.getName(), LOADER))
                .hasMessage("Class " + Faulty.Inner.class.getName()
                        + " cannot be instantiated because it is a non-static inner class")
                .extracting("errorType").isEqualTo("java.lang.Exception");
    }

    @Test
    void load_withConstructorArguments_faults() {
        assertThatThrownBy(() -> HandlerLoader.load(Faulty.NeedsArgument.class.getName(), LOADER))
                .hasMessage("Class " + Faulty.NeedsArgument.class.getName() + " has no public zero-argument constructor");
    }

    @Test
    void load_whenConstructorThrows_faultsWithTheThrownTypeAndMessage() {
        assertThatThrownBy(() -> HandlerLoader.load(Faulty.ThrowingConstructor.class.getName(), LOADER))
                .isInstanceOf(HandlerFault.class)
                .hasMessage("no config")
                .extracting("errorType").isEqualTo("java.lang.IllegalArgumentException");
    }

    @Test
    void classLoader_searchesTaskRootThenLibJarsThenOptJarsInNameOrder(@TempDir Path dir) throws Exception {
        Path taskRoot = Files.createDirectories(dir.resolve("task"));
        Path opt = Files.createDirectories(dir.resolve("opt"));
        Files.writeString(taskRoot.resolve("in-root.txt"), "root");
        jar(taskRoot.resolve("lib/b.jar"), Map.of("which.txt", "b", "in-root.txt", "b"));
        jar(taskRoot.resolve("lib/a.jar"), Map.of("which.txt", "a"));
        jar(opt.resolve("lib/0.jar"), Map.of("which.txt", "opt", "only-opt.txt", "opt"));
        Files.writeString(taskRoot.resolve("lib/notes.txt"), "not a jar");

        try (URLClassLoader loader = HandlerLoader.classLoader(taskRoot.toString(), opt.toString())) {
            assertThat(read(loader, "in-root.txt")).isEqualTo("root");
            assertThat(read(loader, "which.txt")).isEqualTo("a");
            assertThat(read(loader, "only-opt.txt")).isEqualTo("opt");
            assertThat(loader.getURLs()).extracting(u -> Path.of(u.toURI()).getFileName().toString())
                    .containsExactly("task", "a.jar", "b.jar", "0.jar");
            assertThat(loader.getParent()).isSameAs(ClassLoader.getSystemClassLoader());
        }
    }

    private static String read(ClassLoader loader, String resource) throws Exception {
        try (var in = loader.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void jar(Path path, Map<String, String> entries) throws Exception {
        Files.createDirectories(path.getParent());
        try (OutputStream file = Files.newOutputStream(path); JarOutputStream jar = new JarOutputStream(file)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                jar.putNextEntry(new JarEntry(e.getKey()));
                jar.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        }
    }
}

package dev.overtime.platform.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import dev.overtime.platform.function.FunctionDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A realistic SAM template: a java21 jar, a provided.al2023 folder with bootstrap and a nodejs20.x folder. */
class ThreeFunctionTemplateTest {

    @TempDir
    Path workspace;

    private Path template;

    @BeforeEach
    void setUp() throws IOException {
        Path project = Files.createDirectories(workspace.resolve("shop_backend"));
        template = project.resolve("template.yaml");
        try (InputStream fixture = getClass().getResourceAsStream("/templates/three-functions/template.yaml")) {
            Files.copy(fixture, template);
        }
        write(project.resolve("hello-java/target/hello-java-1.0.jar"), "jar");
        write(project.resolve("resize/bootstrap"), "#!/bin/sh");
        write(project.resolve("orders/index.mjs"), "export const handler = async () => ({});");
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @Test
    void load_withDefaults_servesTheThreeFunctionsInTemplateOrder() {
        LoadedTemplate loaded = TemplateLoader.load(template, Map.of(), null);

        assertThat(loaded.functions()).extracting(FunctionDefinition::name)
                .containsExactly("shop-backend-hello-java", "ResizeFunction", "OrdersFunction");
    }

    @Test
    void load_withDefaults_readsTheJavaFunction() {
        FunctionDefinition hello = TemplateLoader.load(template, Map.of(), null).functions().get(0);

        assertThat(hello.logicalId()).isEqualTo("HelloJavaFunction");
        assertThat(hello.runtime()).isEqualTo("java21");
        assertThat(hello.handler()).isEqualTo("dev.example.Hello::handleRequest");
        assertThat(hello.code()).isEqualTo(template.getParent().resolve("hello-java/target/hello-java-1.0.jar"));
        assertThat(hello.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(hello.memorySizeMb()).isEqualTo(1024);
        assertThat(hello.description()).isEqualTo("Greets in Java");
        assertThat(hello.environment()).containsOnly(
                entry("STAGE", "dev"), entry("LOG_LEVEL", "info"),
                entry("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"));
    }

    @Test
    void load_withDefaults_readsTheCustomRuntimeFunction() {
        FunctionDefinition resize = TemplateLoader.load(template, Map.of(), null).functions().get(1);

        assertThat(resize.runtime()).isEqualTo("provided.al2023");
        assertThat(resize.handler()).isNull();
        assertThat(resize.code()).isEqualTo(template.getParent().resolve("resize"));
        assertThat(resize.timeout()).hasSeconds(60);
        assertThat(resize.memorySizeMb()).isEqualTo(256);
        assertThat(resize.reservedConcurrency()).isEqualTo(2);
        assertThat(resize.environment()).containsOnly(
                entry("STAGE", "dev"), entry("LOG_LEVEL", "debug"),
                entry("HELLO_ARN", "arn:aws:lambda:us-east-1:123456789012:function:shop-backend-hello-java"));
    }

    @Test
    void load_withDefaults_readsTheNodeFunction() {
        FunctionDefinition orders = TemplateLoader.load(template, Map.of(), null).functions().get(2);

        assertThat(orders.runtime()).isEqualTo("nodejs20.x");
        assertThat(orders.handler()).isEqualTo("index.handler");
        assertThat(orders.code()).isEqualTo(template.getParent().resolve("orders"));
        assertThat(orders.timeout()).hasSeconds(20);
        assertThat(orders.environment()).containsOnly(
                entry("STAGE", "dev"), entry("LOG_LEVEL", "info"), entry("RESIZER", "ResizeFunction"),
                entry("ORDERS_URL", "https://orders.us-east-1.amazonaws.com/dev"));
    }

    @Test
    void load_withDefaults_reportsWhatIsNotServed() {
        LoadedTemplate loaded = TemplateLoader.load(template, Map.of(), null);

        assertThat(loaded.notYetServed()).isEmpty();
        assertThat(loaded.functionUrls()).extracting(u -> u.functionName()).hasSize(1);
        assertThat(loaded.warnings()).containsExactly(
                "HelloJavaFunction.SnapStart: not served yet",
                "OrdersTable: AWS::Serverless::SimpleTable ignored");
    }

    @Test
    void load_withDefaults_servesTheHttpApiEventOnTheImplicitApi() {
        LoadedTemplate loaded = TemplateLoader.load(template, Map.of(), null);

        assertThat(loaded.apis()).singleElement().satisfies(api -> {
            assertThat(api.logicalId()).isEqualTo("ServerlessHttpApi");
            assertThat(api.stage()).isEqualTo("$default");
            assertThat(api.routes()).singleElement().satisfies(route -> {
                assertThat(route.routeKey()).isEqualTo("GET /hello");
                assertThat(route.integration().functionName()).isEqualTo("shop-backend-hello-java");
                assertThat(route.integration().payloadFormatVersion()).isEqualTo("2.0");
            });
        });
    }

    @Test
    void load_withOverridesAndContext_usesThem() {
        TemplateContext ctx = new TemplateContext("eu-central-1", "999988887777", "shop");

        LoadedTemplate loaded = TemplateLoader.load(template, Map.of("Stage", "prod", "OrderTimeout", "45"), ctx);

        FunctionDefinition orders = loaded.function("OrdersFunction").orElseThrow();
        assertThat(orders.timeout()).hasSeconds(45);
        assertThat(orders.environment()).containsEntry("STAGE", "prod")
                .containsEntry("ORDERS_URL", "https://orders.eu-central-1.amazonaws.com/prod");
        assertThat(loaded.function("ResizeFunction").orElseThrow().environment())
                .containsEntry("HELLO_ARN", "arn:aws:lambda:eu-central-1:999988887777:function:shop-hello-java");
    }

    @Test
    void load_whenStageOverrideNotAllowed_failsNamingTheParameter() {
        TemplateContext ctx = new TemplateContext("eu-central-1", "999988887777", "shop");

        assertThat(catchThrowableOfType(TemplateException.class,
                () -> TemplateLoader.load(template, Map.of("Stage", "qa"), ctx)))
                .hasMessage(template + ":7: Parameters.Stage: expected one of the AllowedValues [dev, prod], "
                        + "found 'qa' (from the parameter override)");
    }
}

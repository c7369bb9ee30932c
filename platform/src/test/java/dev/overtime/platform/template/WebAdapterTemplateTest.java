package dev.overtime.platform.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.overtime.platform.function.FunctionDefinition;
import dev.overtime.platform.function.FunctionUrlDefinition.InvokeMode;
import dev.overtime.platform.function.WebAdapterLayer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The end-to-end tests' template, written for AWS Lambda Web Adapter, loads as Overtime serves it. */
class WebAdapterTemplateTest {

    @Test
    void load_lwaNodeTemplate_givesEveryFunctionTheBuiltInAdapterLayer_withoutWarnings() {
        LoadedTemplate loaded = TemplateLoader.load(Path.of("src/test/resources/web-apps/lwa-node/template.yaml"),
                Map.of(), new TemplateContext("eu-west-1", TemplateContext.DEFAULT_ACCOUNT_ID, "lwa-node"));

        assertThat(loaded.warnings()).isEmpty();
        assertThat(loaded.functions()).extracting(FunctionDefinition::name).containsExactly("NodeWebApp",
                "ProvidedWebApp", "ExitingWebApp", "StreamingWebApp", "SlowStartWebApp", "AsyncInitWebApp");
        assertThat(loaded.functions()).allSatisfy(fn -> {
            assertThat(fn.layers()).containsExactly(WebAdapterLayer.MARKER);
            assertThat(fn.handler()).isEqualTo("run.sh");
            assertThat(fn.environment()).containsEntry("AWS_LAMBDA_EXEC_WRAPPER", "/opt/bootstrap")
                    .containsEntry("PORT", "8080");
        });
        assertThat(loaded.function("AsyncInitWebApp").orElseThrow().environment())
                .containsEntry("AWS_LWA_ASYNC_INIT", "true");
        assertThat(loaded.functionUrls()).filteredOn(url -> url.functionName().equals("StreamingWebApp"))
                .singleElement().extracting(url -> url.invokeMode()).isEqualTo(InvokeMode.RESPONSE_STREAM);
        assertThat(loaded.apis()).hasSize(1);
    }
}

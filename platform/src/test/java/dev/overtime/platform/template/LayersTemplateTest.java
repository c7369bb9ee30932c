package dev.overtime.platform.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.overtime.platform.function.WebAdapterLayer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code AWS::Serverless::LayerVersion}, {@code AWS::Lambda::LayerVersion} and a function's {@code Layers}. */
class LayersTemplateTest {

    @TempDir
    Path dir;

    private TemplateFixture fixture;
    private Path toolsLayer;
    private Path libsLayer;

    @BeforeEach
    void setUp() {
        fixture = new TemplateFixture(dir);
        toolsLayer = fixture.file("tools/bin/greet", "#!/bin/sh").getParent().getParent();
        libsLayer = fixture.file("libs.zip", "a zip; the loader only checks the name");
    }

    /** A function with the given Layers (line 9), then a tools (folder) and a libs (.zip) layer. */
    private static String withLayers(String layers) {
        return """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  HelloFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: provided.al2023
                      CodeUri: bootstrap-src
                  
                      Layers: %s
                  ToolsLayer:
                    Type: AWS::Serverless::LayerVersion
                    Properties: {ContentUri: tools}
                  LibsLayer:
                    Type: AWS::Serverless::LayerVersion
                    Properties: {LayerName: libs, ContentUri: libs.zip, CompatibleRuntimes: [provided.al2023]}
                """.formatted(layers);
    }

    @Test
    void load_whenLayersReferToTemplateLayers_resolvesThemInOrder() {
        LoadedTemplate loaded = fixture.load(withLayers("[!Ref LibsLayer, !Ref ToolsLayer]"));

        assertThat(loaded.functions().getFirst().layers()).containsExactly(libsLayer, toolsLayer);
        assertThat(loaded.notYetServed()).isEmpty();
        assertThat(loaded.warnings()).isEmpty();
    }

    @Test
    void load_whenFunctionHasNoLayers_hasNone() {
        LoadedTemplate loaded = fixture.load(withLayers("[]").replace("Layers: []", ""));

        assertThat(loaded.functions().getFirst().layers()).isEmpty();
    }

    @Test
    void load_whenGlobalsAndFunctionNameLayers_globalLayersComeFirst() {
        LoadedTemplate loaded = fixture.load("""
                Globals:
                  Function:
                    Layers: [!Ref ToolsLayer]
                """ + withLayers("[!Ref LibsLayer]"));

        assertThat(loaded.functions().getFirst().layers()).containsExactly(toolsLayer, libsLayer);
    }

    @Test
    void load_whenLayerIsAnArn_warnsAndIgnoresIt() {
        LoadedTemplate loaded = fixture.load(withLayers(
                "[!Ref ToolsLayer, !Sub 'arn:aws:lambda:${AWS::Region}:017000801446:layer:Powertools:1']"));

        assertThat(loaded.functions().getFirst().layers()).containsExactly(toolsLayer);
        assertThat(loaded.warnings()).containsExactly("HelloFunction.Layers: layer ARNs outside the template are not "
                + "served; ignored (arn:aws:lambda:us-east-1:017000801446:layer:Powertools:1)");
    }

    @Test
    void load_whenLayerIsWebAdapterPublicArn_usesTheBuiltInAdapterLayerInItsPlace() {
        for (String arn : List.of(
                "!Sub 'arn:aws:lambda:${AWS::Region}:753240598075:layer:LambdaAdapterLayerX86:25'",
                "arn:aws:lambda:eu-west-1:753240598075:layer:LambdaAdapterLayerArm64:3",
                "arn:aws:lambda:ap-southeast-2:753240598075:layer:LambdaAdapterLayerX86:101")) {
            LoadedTemplate loaded = fixture.load(withLayers("[!Ref ToolsLayer, " + arn + "]"));

            assertThat(loaded.functions().getFirst().layers()).as(arn)
                    .containsExactly(toolsLayer, WebAdapterLayer.MARKER);
            assertThat(loaded.warnings()).as(arn).isEmpty();
        }
    }

    @Test
    void load_whenArnOnlyLooksLikeTheWebAdapterLayer_warnsAsForAnyArn() {
        LoadedTemplate loaded = fixture.load(withLayers("[arn:aws:lambda:us-east-1:111122223333:layer:"
                + "LambdaAdapterLayerX86:25, arn:aws:lambda:us-east-1:753240598075:layer:LambdaAdapterLayerRiscV:1]"));

        assertThat(loaded.functions().getFirst().layers()).isEmpty();
        assertThat(loaded.warnings()).hasSize(2).allMatch(w -> w.contains("layer ARNs outside the template are not served"));
    }

    @Test
    void load_whenMoreThanFiveLayers_fails() {
        TemplateException e = fixture.loadFails(withLayers("[" + "!Ref ToolsLayer, ".repeat(5) + "!Ref LibsLayer]"));

        fixture.assertProblem(e, 9, "Resources.HelloFunction.Properties.Layers",
                "expected at most 5 layers (the Lambda limit), found 6");
    }

    @Test
    void load_whenLayerIsNeitherRefNorArn_fails() {
        TemplateException e = fixture.loadFails(withLayers("[tools]"));

        fixture.assertProblem(e, 9, "Resources.HelloFunction.Properties.Layers[0]",
                "expected !Ref to a layer of the template or a layer ARN, found 'tools'");
    }

    @Test
    void load_whenContentUriMissing_fails() {
        TemplateException e = fixture.loadFails(withLayers("[!Ref ToolsLayer]") + """
                  EmptyLayer:
                    Type: AWS::Serverless::LayerVersion
                    Properties: {LayerName: empty}
                """);

        fixture.assertProblem(e, 18, "Resources.EmptyLayer.Properties.ContentUri",
                "required: expected a local folder, .jar or .zip", "found nothing");
    }

    @Test
    void load_whenContentUriDoesNotExist_failsAtIt() {
        TemplateException e = fixture.loadFails(withLayers("[!Ref ToolsLayer]").replace("ContentUri: tools",
                "ContentUri: missing"));

        fixture.assertProblem(e, 12, "Resources.ToolsLayer.Properties.ContentUri", "'missing'", "does not exist");
    }

    @Test
    void load_whenLambdaLayerVersionUsed_warnsItsContentIsNotServed() {
        LoadedTemplate loaded = fixture.load(withLayers("[!Ref S3Layer, !Ref ToolsLayer]") + """
                  S3Layer:
                    Type: AWS::Lambda::LayerVersion
                    Properties:
                      Content: {S3Bucket: my-bucket, S3Key: layer.zip}
                """);

        assertThat(loaded.functions().getFirst().layers()).isEqualTo(List.of(toolsLayer));
        assertThat(loaded.warnings()).containsExactly(
                "S3Layer.Content: layer content in S3 is not served; functions run without this layer "
                        + "(use AWS::Serverless::LayerVersion with a local ContentUri)",
                "HelloFunction.Layers: S3Layer has no content Overtime serves; ignored");
    }
}

package dev.overtime.platform.function;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Overtime's built-in stand-in for AWS Lambda Web Adapter's public layer. A function whose {@code Layers} name
 * {@code arn:aws:lambda:<region>:753240598075:layer:LambdaAdapterLayerX86:<N>} (or {@code ...Arm64}) gets
 * {@link #MARKER} in {@link FunctionDefinition#layers()} at that place; the environment package puts the
 * layer's folder (a {@code bootstrap} exec wrapper and {@code extensions/lambda-adapter}) in its place when it
 * builds the function's {@code /opt}.
 *
 * <p>Every environment of such a function gets a loopback port of its own, passed as {@code AWS_LWA_PORT} and
 * {@code PORT}, so several environments (and several functions) whose apps all listen on 8080 on AWS run side
 * by side.
 */
public final class WebAdapterLayer {

    /** Stands for the built-in layer among a function's layer paths; no such folder exists. */
    public static final Path MARKER = Path.of("/overtime-built-in/lambda-web-adapter");

    /** The account AWS publishes LWA's layers from, with both architectures, any region and version. */
    private static final Pattern PUBLIC_ARN = Pattern.compile(
            "arn:aws[a-z-]*:lambda:[a-z0-9-]+:753240598075:layer:LambdaAdapterLayer(X86|Arm64):\\d+");

    private WebAdapterLayer() {
    }

    /** Whether {@code arn} names a version of LWA's public layer. */
    public static boolean isPublicArn(String arn) {
        return PUBLIC_ARN.matcher(arn).matches();
    }

    /** Whether {@code fn} runs with the built-in adapter layer. */
    public static boolean usedBy(FunctionDefinition fn) {
        return fn.layers().contains(MARKER);
    }
}

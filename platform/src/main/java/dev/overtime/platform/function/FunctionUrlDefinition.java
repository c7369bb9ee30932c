package dev.overtime.platform.function;

import java.util.List;

/**
 * A function's URL, from SAM's {@code FunctionUrlConfig} or an {@code AWS::Lambda::Url} resource.
 *
 * @param functionName the function it invokes
 * @param invokeMode   {@code BUFFERED} (6 MB responses) or {@code RESPONSE_STREAM} (streamed, 200 MB)
 * @param cors         the CORS settings, or null for none
 * @param qualifier    the alias (or version) the URL invokes, as {@code Qualifier} names it; null for
 *                     {@code $LATEST}. A declared version is written as a {@code VersionTokens} token until start.
 * @param authType     {@code NONE}, or {@code AWS_IAM}: callers sign with SigV4 (checked with {@code serve --auth iam})
 */
public record FunctionUrlDefinition(String functionName, InvokeMode invokeMode, Cors cors, String qualifier,
                                    AuthType authType) {

    public FunctionUrlDefinition(String functionName, InvokeMode invokeMode, Cors cors) {
        this(functionName, invokeMode, cors, null, AuthType.NONE);
    }

    public FunctionUrlDefinition(String functionName, InvokeMode invokeMode, Cors cors, String qualifier) {
        this(functionName, invokeMode, cors, qualifier, AuthType.NONE);
    }

    /** This URL invoking {@code newQualifier} instead. */
    public FunctionUrlDefinition withQualifier(String newQualifier) {
        return new FunctionUrlDefinition(functionName, invokeMode, cors, newQualifier, authType);
    }

    public enum InvokeMode { BUFFERED, RESPONSE_STREAM }

    public enum AuthType { NONE, AWS_IAM }

    /** AWS's {@code Cors} block, with its field meanings. */
    public record Cors(boolean allowCredentials, List<String> allowHeaders, List<String> allowMethods,
                       List<String> allowOrigins, List<String> exposeHeaders, Integer maxAge) {
        public Cors {
            allowHeaders = List.copyOf(allowHeaders);
            allowMethods = List.copyOf(allowMethods);
            allowOrigins = List.copyOf(allowOrigins);
            exposeHeaders = List.copyOf(exposeHeaders);
        }
    }
}

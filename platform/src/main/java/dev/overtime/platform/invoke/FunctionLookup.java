package dev.overtime.platform.invoke;

import dev.overtime.platform.function.DeployedFunction;
import dev.overtime.platform.function.FunctionRegistry;
import dev.overtime.platform.function.FunctionTarget;

/** Finds the function and qualifier a Lambda API request names, answering AWS's errors for bad or unknown ones. */
public final class FunctionLookup {

    private final FunctionRegistry functions;
    private final String region;
    private final String accountId;

    public FunctionLookup(FunctionRegistry functions, String region, String accountId) {
        this.functions = functions;
        this.region = region;
        this.accountId = accountId;
    }

    /** A function's unqualified ARN. */
    public String arn(String name) {
        return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + name;
    }

    public String region() {
        return region;
    }

    public String accountId() {
        return accountId;
    }

    /**
     * The function {@code nameOrArn} (name, partial or full ARN, optionally {@code :qualifier}) names,
     * with the qualifier it or {@code qualifier} gives: {@code $LATEST}, a version or an alias.
     */
    public FunctionTarget find(String nameOrArn, String qualifier) throws LambdaApiException {
        FunctionReference ref = FunctionReference.parse(nameOrArn, qualifier, region);
        DeployedFunction function = functions.find(ref.name()).orElse(null);
        if (function == null || !function.has(ref.qualifier())) {
            String arn = arn(ref.name()) + (ref.qualifier() == null ? "" : ":" + ref.qualifier());
            throw new LambdaApiException(ApiError.RESOURCE_NOT_FOUND, "Function not found: " + arn);
        }
        return new FunctionTarget(function, ref.qualifier());
    }

    /** The function {@code nameOrArn} names, which must carry no qualifier (the versions and aliases APIs). */
    public DeployedFunction function(String nameOrArn) throws LambdaApiException {
        FunctionReference ref = FunctionReference.parse(nameOrArn, null, region);
        if (ref.qualifier() != null) {
            throw new LambdaApiException(ApiError.INVALID_PARAMETER_VALUE, "This operation takes a function name "
                    + "or ARN without a version or alias, not " + nameOrArn);
        }
        return functions.find(ref.name()).orElseThrow(() -> new LambdaApiException(ApiError.RESOURCE_NOT_FOUND,
                "Function not found: " + arn(ref.name())));
    }
}

package dev.overtime.platform.invoke;

import dev.overtime.platform.function.FunctionRegistry;

/** Finds the function a Lambda API request names, answering AWS's errors for bad or unknown names. */
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

    /** The function {@code nameOrArn} (name, partial or full ARN) names; only {@code $LATEST} exists. */
    public FunctionRegistry.ServedFunction find(String nameOrArn, String qualifier) throws LambdaApiException {
        FunctionReference ref = FunctionReference.parse(nameOrArn, qualifier, region);
        String arn = arn(ref.name()) + (ref.qualifier() == null ? "" : ":" + ref.qualifier());
        if (!ref.isLatest()) {
            throw new LambdaApiException(ApiError.RESOURCE_NOT_FOUND, "Function not found: " + arn);
        }
        return functions.find(ref.name()).orElseThrow(() ->
                new LambdaApiException(ApiError.RESOURCE_NOT_FOUND, "Function not found: " + arn));
    }
}

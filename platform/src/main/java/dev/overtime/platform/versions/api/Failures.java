package dev.overtime.platform.versions.api;

import dev.overtime.platform.invoke.ApiError;
import dev.overtime.platform.invoke.LambdaApiException;
import dev.overtime.platform.versions.VersionsException;

/** The core's refusals as AWS's API errors. */
final class Failures {

    private Failures() {
    }

    static LambdaApiException of(VersionsException e) {
        ApiError error = switch (e.kind()) {
            case NOT_FOUND -> ApiError.RESOURCE_NOT_FOUND;
            case CONFLICT -> ApiError.RESOURCE_CONFLICT;
            case INVALID -> ApiError.INVALID_PARAMETER_VALUE;
            case PRECONDITION_FAILED -> ApiError.PRECONDITION_FAILED;
            case PROVISIONED_CONFIG_NOT_FOUND -> ApiError.PROVISIONED_CONCURRENCY_CONFIG_NOT_FOUND;
        };
        return new LambdaApiException(error, e.getMessage());
    }
}

package dev.overtime.platform.invoke;

/** The Lambda API errors Overtime returns, with AWS's codes, HTTP statuses and fault sides. */
public enum ApiError {
    RESOURCE_NOT_FOUND("ResourceNotFoundException", 404, "User"),
    INVALID_REQUEST_CONTENT("InvalidRequestContentException", 400, "User"),
    INVALID_PARAMETER_VALUE("InvalidParameterValueException", 400, "User"),
    /** A request member outside its model's constraints; the SDK has no class of its own for it. */
    VALIDATION("ValidationException", 400, "User"),
    REQUEST_TOO_LARGE("RequestTooLargeException", 413, "User"),
    TOO_MANY_REQUESTS("TooManyRequestsException", 429, "User"),
    UNSUPPORTED_MEDIA_TYPE("UnsupportedMediaTypeException", 415, "User"),
    UNKNOWN_OPERATION("UnknownOperationException", 404, "User"),
    SERVICE("ServiceException", 500, "Service"),
    /** A ServiceException while the event store cannot be reached: retry later, on any node. */
    SERVICE_UNAVAILABLE("ServiceException", 503, "Service"),
    RESOURCE_CONFLICT("ResourceConflictException", 409, "User"),
    PRECONDITION_FAILED("PreconditionFailedException", 412, "User"),
    PROVISIONED_CONCURRENCY_CONFIG_NOT_FOUND("ProvisionedConcurrencyConfigNotFoundException", 404, "User");

    private final String code;
    private final int status;
    private final String type;

    ApiError(String code, int status, String type) {
        this.code = code;
        this.status = status;
        this.type = type;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }
}

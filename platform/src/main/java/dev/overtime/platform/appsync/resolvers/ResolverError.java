package dev.overtime.platform.appsync.resolvers;

/**
 * A GraphQL error raised by resolver code ({@code util.error(message, errorType, data, errorInfo)}), or a
 * failure of the code itself (errorType {@code Code}, as AppSync reports a JS runtime error, or
 * {@code MappingTemplate} for a template that does not render valid JSON).
 */
public final class ResolverError extends Exception {

    private final String errorType;
    private final transient Object data;
    private final transient Object errorInfo;

    public ResolverError(String message, String errorType, Object data, Object errorInfo) {
        super(message, null, false, false);
        this.errorType = errorType;
        this.data = data;
        this.errorInfo = errorInfo;
    }

    public String errorType() {
        return errorType;
    }

    public Object data() {
        return data;
    }

    public Object errorInfo() {
        return errorInfo;
    }
}

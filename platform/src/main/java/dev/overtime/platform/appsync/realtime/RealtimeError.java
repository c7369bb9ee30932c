package dev.overtime.platform.appsync.realtime;

/**
 * Why a connection is refused, as AppSync's {@code connection_error} reports it:
 * {@code {"errors":[{"errorType":"UnauthorizedException","errorCode":401,"message":"..."}]}}.
 */
public record RealtimeError(String errorType, int errorCode, String message) {

    public static RealtimeError unauthorized() {
        return new RealtimeError("UnauthorizedException", 401, "You are not authorized to make this call.");
    }
}

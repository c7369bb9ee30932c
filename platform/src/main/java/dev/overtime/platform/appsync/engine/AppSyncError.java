package dev.overtime.platform.appsync.engine;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.language.SourceLocation;

import java.util.List;

/**
 * A GraphQL error in AppSync's shape: {@code errorType}, {@code message}, {@code data}, {@code errorInfo},
 * {@code locations} and {@code path}.
 */
public record AppSyncError(String message, String errorType, Object data, Object errorInfo,
                           List<SourceLocation> locations, List<Object> path) implements GraphQLError {

    public static AppSyncError unauthorizedField(String fieldName, String typeName, List<SourceLocation> locations,
                                                 List<Object> path) {
        return new AppSyncError("Not Authorized to access " + fieldName + " on type " + typeName, "Unauthorized",
                null, null, locations, path);
    }

    @Override
    public String getMessage() {
        return message;
    }

    @Override
    public List<SourceLocation> getLocations() {
        return locations;
    }

    @Override
    public ErrorClassification getErrorType() {
        return ErrorClassification.errorClassification(errorType == null ? "Error" : errorType);
    }

    @Override
    public List<Object> getPath() {
        return path;
    }
}

package dev.overtime.platform.versions.api;

import dev.overtime.platform.invoke.ApiError;
import dev.overtime.platform.invoke.LambdaApiException;

import java.util.regex.Pattern;

/**
 * AWS's request validation errors: {@code 1 validation error detected: Value 'x' at 'member' failed to ...}.
 * AWS answers them as {@code ValidationException} (its request model's checks), not as Lambda's own
 * {@code InvalidParameterValueException}.
 */
final class Validation {

    private Validation() {
    }

    /** The error AWS answers when {@code value} at {@code member} breaks a constraint ("must ..."). */
    static LambdaApiException failed(Object value, String member, String constraint) {
        return failed(ApiError.VALIDATION, value, member, constraint);
    }

    static LambdaApiException failed(ApiError error, Object value, String member, String constraint) {
        String shown = value == null ? "null" : "'" + value + "'";
        return new LambdaApiException(error, "1 validation error detected: Value "
                + shown + " at '" + member + "' failed to satisfy constraint: Member must " + constraint);
    }

    static <T> T required(T value, String member) throws LambdaApiException {
        if (value == null) {
            throw failed(null, member, "not be null");
        }
        return value;
    }

    static void range(Integer value, String member, int min, int max) throws LambdaApiException {
        range(ApiError.VALIDATION, value, member, min, max);
    }

    static void range(ApiError error, Integer value, String member, int min, int max) throws LambdaApiException {
        if (value == null) {
            return;
        }
        if (value < min) {
            throw failed(error, value, member, "have value greater than or equal to " + min);
        }
        if (value > max) {
            throw failed(error, value, member, "have value less than or equal to " + max);
        }
    }

    static void length(String value, String member, int min, int max) throws LambdaApiException {
        if (value == null) {
            return;
        }
        if (value.length() < min) {
            throw failed(value, member, "have length greater than or equal to " + min);
        }
        if (value.length() > max) {
            throw failed(value, member, "have length less than or equal to " + max);
        }
    }

    static void pattern(String value, String member, Pattern pattern) throws LambdaApiException {
        if (value != null && !pattern.matcher(value).matches()) {
            throw failed(value, member, "satisfy regular expression pattern: " + pattern.pattern());
        }
    }
}

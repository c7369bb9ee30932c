package dev.overtime.platform.invoke;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A function as a caller names it: {@code my-function}, {@code my-function:qualifier},
 * {@code 123456789012:function:my-function} or the full ARN, optionally with a {@code Qualifier}
 * parameter that must agree with one in the name.
 */
public record FunctionReference(String name, String qualifier) {

    private static final Pattern FORM = Pattern.compile(
            "^(?:arn:(?<partition>aws[a-zA-Z-]*):lambda:(?<region>[a-z0-9-]+):)?(?:(?<account>\\d{12}):function:)?"
                    + "(?<name>[a-zA-Z0-9-_.]+)(?::(?<qualifier>[a-zA-Z0-9$_-]+))?$");

    public static FunctionReference parse(String reference, String qualifierParam, String region)
            throws LambdaApiException {
        if ((qualifierParam == null || qualifierParam.isEmpty()) && isPlainName(reference)) {
            // The common case, a bare name, without the regular expression: this runs on every invoke.
            return new FunctionReference(reference, null);
        }
        if (qualifierParam != null && isPlainQualifier(qualifierParam) && isPlainName(reference)) {
            // A name and a ?Qualifier= (SDKs and the CLI send aliases this way), also without it.
            return new FunctionReference(reference, qualifierParam);
        }
        if (qualifierParam != null && !qualifierParam.isEmpty() && !isPlainQualifier(qualifierParam)) {
            throw new LambdaApiException(ApiError.VALIDATION,
                    "1 validation error detected: Value '" + qualifierParam + "' at 'qualifier' failed to satisfy "
                            + "constraint: " + (qualifierParam.length() > 128
                            ? "Member must have length less than or equal to 128"
                            : "Member must satisfy regular expression pattern: (|[a-zA-Z0-9$_-]+)"));
        }
        Matcher m = FORM.matcher(reference);
        if (reference.isEmpty() || reference.length() > 170 || !m.matches()) {
            throw new LambdaApiException(ApiError.VALIDATION,
                    "1 validation error detected: Value '" + reference + "' at 'functionName' failed to satisfy "
                            + "constraint: Member must satisfy regular expression pattern: "
                            + "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?"
                            + "(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?");
        }
        if (m.group("region") != null && !m.group("region").equals(region)) {
            throw new LambdaApiException(ApiError.INVALID_PARAMETER_VALUE, "Functions from '" + m.group("region")
                    + "' are not reachable in this region ('" + region + "')");
        }
        String qualifier = m.group("qualifier");
        if (qualifierParam != null && !qualifierParam.isEmpty()) {
            if (qualifier != null && !qualifier.equals(qualifierParam)) {
                throw new LambdaApiException(ApiError.INVALID_PARAMETER_VALUE,
                        "The derived qualifier from the function name does not match the specified qualifier.");
            }
            qualifier = qualifierParam;
        }
        return new FunctionReference(m.group("name"), qualifier);
    }

    /** Whether {@code qualifier} is one the pattern's {@code qualifier} group accepts. */
    private static boolean isPlainQualifier(String qualifier) {
        int n = qualifier.length();
        if (n == 0 || n > 128) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = qualifier.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '$';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code reference} is a name alone, as the pattern's {@code name} group accepts it. */
    private static boolean isPlainName(String reference) {
        int n = reference.length();
        if (n == 0 || n > 170) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = reference.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }
}

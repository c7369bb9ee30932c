package dev.overtime.platform.security;

/**
 * An {@code AWS::Lambda::Permission}: one statement of a function's resource policy.
 *
 * @param action              e.g. {@code lambda:InvokeFunction} or {@code lambda:InvokeFunctionUrl}
 * @param principal           an account id, an ARN, a service principal or {@code *}
 * @param functionName        the function's name
 * @param qualifier           the version or alias the permission is on, or null for the function
 * @param sourceArn           {@code SourceArn}, or null
 * @param sourceAccount       {@code SourceAccount}, or null
 * @param functionUrlAuthType {@code FunctionUrlAuthType}, or null
 */
public record FunctionPermission(String action, String principal, String functionName, String qualifier,
                                 String sourceArn, String sourceAccount, String functionUrlAuthType) {
}

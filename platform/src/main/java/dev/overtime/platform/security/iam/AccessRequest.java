package dev.overtime.platform.security.iam;

import java.util.Locale;
import java.util.Map;

/**
 * One question for the policies: may {@code principalArn} perform {@code action} on {@code resource}?
 *
 * @param context condition keys ({@code aws:SourceIp}, {@code aws:SecureTransport}, {@code aws:CurrentTime}...),
 *                keyed in lower case, since IAM's keys are case-insensitive
 */
public record AccessRequest(String principalArn, String action, String resource, Map<String, String> context) {

    public String contextValue(String key) {
        return context.get(key.toLowerCase(Locale.ROOT));
    }
}

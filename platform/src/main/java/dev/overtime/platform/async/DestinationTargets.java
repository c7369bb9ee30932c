package dev.overtime.platform.async;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a destination points, as a queue target: a Lambda function ARN becomes the function's name
 * and the qualifier it carries ({@code $LATEST}, a version or an alias), an {@code http(s)://} URL
 * stays a webhook. SQS, SNS, EventBridge and S3 destinations are AWS services Overtime does not run,
 * so they are refused with a message saying what to use instead.
 */
public final class DestinationTargets {

    private static final Pattern FUNCTION_ARN = Pattern.compile(
            "^arn:aws[a-zA-Z-]*:lambda:(?<region>[a-z0-9-]+):(?<account>\\d{12}):function:(?<name>[a-zA-Z0-9-_]{1,64})"
                    + "(?::(?<qualifier>\\$LATEST|[a-zA-Z0-9-_]{1,128}))?$");

    /**
     * A destination as the queue knows it.
     *
     * @param target    a function name, or a webhook URL
     * @param qualifier the function ARN's qualifier, or {@code null} (always for a webhook)
     */
    public record Destination(String target, String qualifier) {
    }

    private DestinationTargets() {
    }

    /**
     * The queue target of a destination ARN or URL: a function's name without its qualifier, or the
     * URL; throws with a user-facing message if it cannot be one.
     */
    public static String target(String destination, String region) {
        return parse(destination, region).target();
    }

    /** The destination an ARN or URL names; throws with a user-facing message if it cannot be one. */
    public static Destination parse(String destination, String region) {
        if (QueuedEvent.isWebhook(destination)) {
            try {
                java.net.URI uri = java.net.URI.create(destination);
                if (uri.getHost() == null) {
                    throw new IllegalArgumentException("no host");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("The destination " + destination + " is not a valid URL");
            }
            return new Destination(destination, null);
        }
        Matcher m = FUNCTION_ARN.matcher(destination);
        if (m.matches()) {
            if (!m.group("region").equals(region)) {
                throw new IllegalArgumentException("The destination function " + destination
                        + " is not in this region (" + region + ")");
            }
            return new Destination(m.group("name"), m.group("qualifier"));
        }
        String service = destination.startsWith("arn:") && destination.split(":").length > 2
                ? destination.split(":")[2] : "";
        if (!service.isEmpty() && !service.equals("lambda")) {
            throw new IllegalArgumentException("Overtime delivers destination records to Lambda functions and to "
                    + "HTTP(S) webhooks; " + service + " destinations (" + destination + ") are not served");
        }
        throw new IllegalArgumentException("The destination " + destination + " is neither a Lambda function ARN "
                + "nor an http(s) URL");
    }
}

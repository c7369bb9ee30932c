package dev.overtime.platform.async;

/**
 * A function's asynchronous invocation settings, as the EventInvokeConfig API and the SAM
 * {@code EventInvokeConfig} property give them. Unset values take AWS's defaults.
 *
 * @param maximumRetryAttempts     0 to 2, or {@code null} for 2
 * @param maximumEventAgeSeconds   60 to 21600, or {@code null} for 21600
 * @param onSuccess                destination ARN or webhook URL for success records, or {@code null}
 * @param onFailure                destination ARN or webhook URL for failure records, or {@code null}
 * @param lastModifiedMillis       when it was last set
 */
public record EventInvokeConfig(Integer maximumRetryAttempts, Integer maximumEventAgeSeconds, String onSuccess,
                                String onFailure, long lastModifiedMillis) {

    public static final int MAX_RETRY_ATTEMPTS = 2;
    public static final int MIN_EVENT_AGE_SECONDS = 60;
    public static final int MAX_EVENT_AGE_SECONDS = 21600;

    /** What a function without a configuration gets. */
    public static final EventInvokeConfig DEFAULT = new EventInvokeConfig(null, null, null, null, 0);

    public int retries() {
        return maximumRetryAttempts == null ? MAX_RETRY_ATTEMPTS : maximumRetryAttempts;
    }

    public long maxAgeMillis() {
        return (maximumEventAgeSeconds == null ? MAX_EVENT_AGE_SECONDS : maximumEventAgeSeconds) * 1000L;
    }
}

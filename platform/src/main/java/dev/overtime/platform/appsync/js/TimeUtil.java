package dev.overtime.platform.appsync.js;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * {@code util.time}: formats are Java {@link DateTimeFormatter} patterns, as in AppSync, and zones are IANA ids
 * defaulting to UTC.
 */
final class TimeUtil {

    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private TimeUtil() {
    }

    static String iso8601(long epochMillis) {
        return ISO_MILLIS.format(Instant.ofEpochMilli(epochMillis));
    }

    static String formatted(long epochMillis, String pattern, String zone) {
        return formatter(pattern).format(Instant.ofEpochMilli(epochMillis).atZone(zone(zone)));
    }

    static long parseIso8601(String text) {
        try {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not an ISO 8601 date-time with an offset");
        }
    }

    static long parseFormatted(String text, String pattern, String zone) {
        try {
            TemporalAccessor parsed = formatter(pattern).withZone(zone(zone)).parse(text);
            if (!parsed.isSupported(ChronoField.HOUR_OF_DAY)) {
                return java.time.LocalDate.from(parsed).atStartOfDay(zone(zone)).toInstant().toEpochMilli();
            }
            return ZonedDateTime.from(parsed).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' does not match the format '" + pattern + "'");
        }
    }

    private static DateTimeFormatter formatter(String pattern) {
        try {
            return DateTimeFormatter.ofPattern(pattern);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid date format '" + pattern + "': " + e.getMessage());
        }
    }

    private static ZoneId zone(String zone) {
        if (zone == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(zone);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown time zone '" + zone + "'");
        }
    }
}

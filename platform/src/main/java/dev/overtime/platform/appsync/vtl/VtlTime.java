package dev.overtime.platform.appsync.vtl;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;

/**
 * {@code $util.time}. ISO 8601 texts are UTC with milliseconds ({@code 2018-02-06T19:01:35.749Z}); formats are
 * {@link DateTimeFormatter} patterns (AppSync documents Joda's, which agree on the common letters); time zones are
 * IANA names or offsets, UTC by default.
 */
public final class VtlTime {
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Clock clock;

    VtlTime(Clock clock) {
        this.clock = clock;
    }

    public String nowISO8601() {
        return ISO_MILLIS.format(clock.instant());
    }

    public long nowEpochSeconds() {
        return clock.instant().getEpochSecond();
    }

    public long nowEpochMilliSeconds() {
        return clock.millis();
    }

    public String nowFormatted(Object format) {
        return nowFormatted(format, null);
    }

    public String nowFormatted(Object format, Object timezone) {
        return formatter(format, timezone).format(clock.instant());
    }

    public long parseFormattedToEpochMilliSeconds(Object time, Object format) {
        return parseFormattedToEpochMilliSeconds(time, format, null);
    }

    public long parseFormattedToEpochMilliSeconds(Object time, Object format, Object timezone) {
        ZoneId zone = zone(timezone);
        TemporalAccessor parsed = parse(() -> formatter(format, timezone).parse(required(time, "time")));
        if (parsed.isSupported(ChronoField.INSTANT_SECONDS)) {
            return Instant.from(parsed).toEpochMilli();
        }
        LocalDate date = parsed.query(TemporalQueries.localDate());
        if (date == null) {
            throw new IllegalArgumentException("The format '" + format + "' gives no date");
        }
        LocalDateTime dateTime = parsed.query(TemporalQueries.localTime()) == null ? date.atStartOfDay()
                : date.atTime(parsed.query(TemporalQueries.localTime()));
        return dateTime.atZone(zone).toInstant().toEpochMilli();
    }

    public long parseISO8601ToEpochMilliSeconds(Object time) {
        return Instant.from(parse(() -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(required(time, "time"))))
                .toEpochMilli();
    }

    public long epochMilliSecondsToSeconds(Object epochMillis) {
        return millis(epochMillis) / 1000;
    }

    public String epochMilliSecondsToISO8601(Object epochMillis) {
        return ISO_MILLIS.format(Instant.ofEpochMilli(millis(epochMillis)));
    }

    public String epochMilliSecondsToFormatted(Object epochMillis, Object format) {
        return epochMilliSecondsToFormatted(epochMillis, format, null);
    }

    public String epochMilliSecondsToFormatted(Object epochMillis, Object format, Object timezone) {
        return formatter(format, timezone).format(Instant.ofEpochMilli(millis(epochMillis)));
    }

    private static DateTimeFormatter formatter(Object format, Object timezone) {
        try {
            return DateTimeFormatter.ofPattern(required(format, "format")).withZone(zone(timezone));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid time format '" + format + "': " + e.getMessage(), e);
        }
    }

    private static ZoneId zone(Object timezone) {
        try {
            return timezone == null ? ZoneOffset.UTC : ZoneId.of(timezone.toString());
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("Unknown time zone '" + timezone + "'", e);
        }
    }

    private static TemporalAccessor parse(java.util.function.Supplier<TemporalAccessor> parser) {
        try {
            return parser.get();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Unable to parse time: " + e.getMessage(), e);
        }
    }

    private static long millis(Object epochMillis) {
        if (epochMillis instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(required(epochMillis, "epoch milliseconds").trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not a number of epoch milliseconds: '" + epochMillis + "'", e);
        }
    }

    private static String required(Object value, String what) {
        if (value == null) {
            throw new IllegalArgumentException("The " + what + " is null");
        }
        return value.toString();
    }
}

package dev.overtime.platform.security.iam;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiPredicate;

/** The IAM condition operators Overtime evaluates, with IAM's rule for a key the request lacks. */
public enum ConditionOperator {
    STRING_EQUALS("StringEquals", false, String::equals),
    STRING_NOT_EQUALS("StringNotEquals", true, String::equals),
    STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", false, String::equalsIgnoreCase),
    STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", true, String::equalsIgnoreCase),
    STRING_LIKE("StringLike", false, (actual, pattern) -> Wildcard.matches(pattern, actual, false)),
    STRING_NOT_LIKE("StringNotLike", true, (actual, pattern) -> Wildcard.matches(pattern, actual, false)),
    ARN_EQUALS("ArnEquals", false, String::equals),
    ARN_NOT_EQUALS("ArnNotEquals", true, String::equals),
    ARN_LIKE("ArnLike", false, (actual, pattern) -> Wildcard.matches(pattern, actual, false)),
    ARN_NOT_LIKE("ArnNotLike", true, (actual, pattern) -> Wildcard.matches(pattern, actual, false)),
    NUMERIC_EQUALS("NumericEquals", false, (a, b) -> compareNumbers(a, b) == 0),
    NUMERIC_NOT_EQUALS("NumericNotEquals", true, (a, b) -> compareNumbers(a, b) == 0),
    NUMERIC_LESS_THAN("NumericLessThan", false, (a, b) -> compareNumbers(a, b) < 0),
    NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", false, (a, b) -> compareNumbers(a, b) <= 0),
    NUMERIC_GREATER_THAN("NumericGreaterThan", false, (a, b) -> compareNumbers(a, b) > 0),
    NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", false, (a, b) -> compareNumbers(a, b) >= 0),
    DATE_EQUALS("DateEquals", false, (a, b) -> compareDates(a, b) == 0),
    DATE_NOT_EQUALS("DateNotEquals", true, (a, b) -> compareDates(a, b) == 0),
    DATE_LESS_THAN("DateLessThan", false, (a, b) -> compareDates(a, b) < 0),
    DATE_LESS_THAN_EQUALS("DateLessThanEquals", false, (a, b) -> compareDates(a, b) <= 0),
    DATE_GREATER_THAN("DateGreaterThan", false, (a, b) -> compareDates(a, b) > 0),
    DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", false, (a, b) -> compareDates(a, b) >= 0),
    BOOL("Bool", false, String::equalsIgnoreCase),
    IP_ADDRESS("IpAddress", false, IpRange::contains),
    NOT_IP_ADDRESS("NotIpAddress", true, IpRange::contains),
    NULL("Null", false, (actual, expected) -> expected.equalsIgnoreCase("false"));

    private final String written;
    private final boolean negated;
    private final BiPredicate<String, String> test;

    ConditionOperator(String written, boolean negated, BiPredicate<String, String> test) {
        this.written = written;
        this.negated = negated;
        this.test = test;
    }

    /** The operator a policy names, without an {@code IfExists} suffix. */
    public static Optional<ConditionOperator> named(String name) {
        for (ConditionOperator operator : values()) {
            if (operator.written.equals(name)) {
                return Optional.of(operator);
            }
        }
        return Optional.empty();
    }

    public String written() {
        return written;
    }

    /** A negated operator holds when no value matches; the others when one does. */
    boolean holds(String actual, List<String> values) {
        boolean any = false;
        for (String value : values) {
            if (test.test(actual, value)) {
                any = true;
                break;
            }
        }
        return negated != any;
    }

    /** IAM: a key the request lacks fails every operator but the negated ones, and {@code Null: true}. */
    boolean holdsWhenAbsent(List<String> values) {
        if (this == NULL) {
            return values.stream().anyMatch(v -> v.equalsIgnoreCase("true"));
        }
        return negated;
    }

    private static int compareNumbers(String actual, String expected) {
        try {
            return new BigDecimal(actual.trim()).compareTo(new BigDecimal(expected.trim()));
        } catch (NumberFormatException e) {
            return Integer.MIN_VALUE;
        }
    }

    /** Dates as IAM accepts them: ISO 8601 date-times, dates, or epoch seconds. */
    private static int compareDates(String actual, String expected) {
        Instant a = date(actual);
        Instant b = date(expected);
        if (a == null || b == null) {
            return Integer.MIN_VALUE;
        }
        return a.compareTo(b);
    }

    static Instant date(String text) {
        String value = text.trim();
        try {
            if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
                return Instant.ofEpochSecond(Long.parseLong(value));
            }
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(value.toUpperCase(Locale.ROOT)).toInstant();
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
    }
}

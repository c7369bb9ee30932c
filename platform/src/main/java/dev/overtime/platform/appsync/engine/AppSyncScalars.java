package dev.overtime.platform.appsync.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.BooleanValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;

import java.net.InetAddress;
import java.net.URI;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * AppSync's scalars, which schemas use without declaring them: dates and times as ISO 8601 strings, epoch
 * seconds, e-mail addresses, URLs, phone numbers, IP addresses and JSON. {@code AWSJSON} arrives in
 * resolvers parsed (maps, lists, scalars) and leaves as a JSON string, as AppSync does it.
 */
public final class AppSyncScalars {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9][0-9 ().-]{3,}[0-9]$");
    private static final Pattern IP_CHARS = Pattern.compile("^[0-9a-fA-F:.]+(/\\d{1,3})?$");

    private AppSyncScalars() {
    }

    public static List<GraphQLScalarType> all() {
        return List.of(
                text("AWSDate", "an ISO 8601 date (YYYY-MM-DD)", AppSyncScalars::isDate),
                text("AWSTime", "an ISO 8601 time (hh:mm:ss.sss)", AppSyncScalars::isTime),
                text("AWSDateTime", "an ISO 8601 date and time (YYYY-MM-DDThh:mm:ss.sssZ)", AppSyncScalars::isDateTime),
                text("AWSEmail", "an e-mail address", s -> EMAIL.matcher(s).matches()),
                text("AWSURL", "a URL with a scheme", AppSyncScalars::isUrl),
                text("AWSPhone", "a phone number", s -> PHONE.matcher(s).matches()),
                text("AWSIPAddress", "an IPv4 or IPv6 address", AppSyncScalars::isIp),
                timestamp(),
                json());
    }

    /** The names of AppSync's scalars. */
    public static List<String> names() {
        return all().stream().map(GraphQLScalarType::getName).toList();
    }

    private static GraphQLScalarType text(String name, String what, Predicate<String> valid) {
        return GraphQLScalarType.newScalar().name(name).description(what).coercing(new Coercing<String, String>() {
            @Override
            public String serialize(Object value, GraphQLContext context, Locale locale) {
                String text = value instanceof String s ? s : String.valueOf(value);
                if (!valid.test(text)) {
                    throw new CoercingSerializeException("Can't serialize value : expected " + what + " for "
                            + name + ", found '" + text + "'");
                }
                return text;
            }

            @Override
            public String parseValue(Object input, GraphQLContext context, Locale locale) {
                if (!(input instanceof String s) || !valid.test(s)) {
                    throw new CoercingParseValueException("Variable has an invalid value: expected " + what
                            + " for " + name + ", found '" + input + "'");
                }
                return s;
            }

            @Override
            public String parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
                                       Locale locale) {
                if (!(input instanceof StringValue s) || !valid.test(s.getValue())) {
                    throw new CoercingParseLiteralException("Expected " + what + " for " + name);
                }
                return s.getValue();
            }

            @Override
            public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
                return StringValue.of(String.valueOf(input));
            }
        }).build();
    }

    private static GraphQLScalarType timestamp() {
        return GraphQLScalarType.newScalar().name("AWSTimestamp").description("seconds since the epoch")
                .coercing(new Coercing<Long, Long>() {
                    @Override
                    public Long serialize(Object value, GraphQLContext context, Locale locale) {
                        if (value instanceof Number n) {
                            return n.longValue();
                        }
                        try {
                            return Long.parseLong(String.valueOf(value));
                        } catch (NumberFormatException e) {
                            throw new CoercingSerializeException("Expected seconds since the epoch for AWSTimestamp");
                        }
                    }

                    @Override
                    public Long parseValue(Object input, GraphQLContext context, Locale locale) {
                        if (input instanceof Number n && n.doubleValue() == n.longValue()) {
                            return n.longValue();
                        }
                        throw new CoercingParseValueException("Variable has an invalid value: expected an integer "
                                + "for AWSTimestamp, found '" + input + "'");
                    }

                    @Override
                    public Long parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
                                             Locale locale) {
                        if (input instanceof IntValue i) {
                            return i.getValue().longValue();
                        }
                        throw new CoercingParseLiteralException("Expected an integer for AWSTimestamp");
                    }

                    @Override
                    public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
                        return IntValue.of(((Number) input).intValue());
                    }
                }).build();
    }

    private static GraphQLScalarType json() {
        return GraphQLScalarType.newScalar().name("AWSJSON").description("a JSON value, written as a string")
                .coercing(new Coercing<Object, String>() {
                    @Override
                    public String serialize(Object value, GraphQLContext context, Locale locale) {
                        if (value instanceof String s) {
                            return s;
                        }
                        try {
                            return JSON.writeValueAsString(value);
                        } catch (JsonProcessingException e) {
                            throw new CoercingSerializeException("Can't serialize value as AWSJSON");
                        }
                    }

                    @Override
                    public Object parseValue(Object input, GraphQLContext context, Locale locale) {
                        if (!(input instanceof String s)) {
                            throw new CoercingParseValueException("Variable has an invalid value: expected a JSON "
                                    + "string for AWSJSON");
                        }
                        return parse(s, CoercingParseValueException::new);
                    }

                    @Override
                    public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
                                               Locale locale) {
                        return switch (input) {
                            case StringValue s -> parse(s.getValue(), CoercingParseLiteralException::new);
                            case IntValue i -> i.getValue();
                            case FloatValue f -> f.getValue();
                            case BooleanValue b -> b.isValue();
                            default -> throw new CoercingParseLiteralException("Expected a JSON string for AWSJSON");
                        };
                    }

                    @Override
                    public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
                        return StringValue.of(serialize(input, context, locale));
                    }
                }).build();
    }

    private static Object parse(String text, java.util.function.Function<String, RuntimeException> failure) {
        try {
            return JSON.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw failure.apply("Unable to parse '" + text + "' as valid JSON.");
        }
    }

    private static boolean isDate(String s) {
        try {
            LocalDate.parse(s.endsWith("Z") ? s.substring(0, s.length() - 1) : s.replaceFirst("[+-]\\d\\d:\\d\\d$", ""));
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean isTime(String s) {
        try {
            LocalTime.parse(s.endsWith("Z") ? s.substring(0, s.length() - 1) : s.replaceFirst("[+-]\\d\\d:\\d\\d$", ""));
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean isDateTime(String s) {
        try {
            OffsetDateTime.parse(s);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean isUrl(String s) {
        try {
            URI uri = new URI(s);
            return uri.getScheme() != null && (uri.getHost() != null || uri.getSchemeSpecificPart() != null);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static boolean isIp(String s) {
        if (!IP_CHARS.matcher(s).matches()) {
            return false;
        }
        String address = s.contains("/") ? s.substring(0, s.indexOf('/')) : s;
        if (!address.contains(":")) {
            String[] parts = address.split("\\.", -1);
            if (parts.length != 4) {
                return false;
            }
            for (String part : parts) {
                if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
                        || Integer.parseInt(part) > 255) {
                    return false;
                }
            }
            return true;
        }
        try {
            // With a colon in it, the text is parsed as an IPv6 literal: no name is ever looked up.
            InetAddress.getByName(address);
            return true;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}

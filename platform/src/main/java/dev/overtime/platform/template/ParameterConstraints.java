package dev.overtime.platform.template;

import dev.overtime.platform.template.TemplateValue.Mapping;
import dev.overtime.platform.template.TemplateValue.Scalar;
import dev.overtime.platform.template.TemplateValue.Sequence;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks a parameter's value against its type and its {@code AllowedValues}, {@code AllowedPattern},
 * {@code MinLength}/{@code MaxLength} and {@code MinValue}/{@code MaxValue}, as CloudFormation does
 * before it creates a stack.
 */
final class ParameterConstraints {

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private ParameterConstraints() {
    }

    /**
     * @param where  where a violation is reported: the Default, or the declaration for an override
     * @param source how the value was given, e.g. "the Default", for messages
     */
    static void check(TemplateParameter parameter, Mapping decl, TemplateValue where, String source) {
        for (String item : parameter.items()) {
            String found = "found '" + item + "' (from " + source + ")";
            if (parameter.type().equals("Number") && !NUMBER.matcher(item).matches()) {
                throw TemplateProblem.at(where, "expected a number (Type Number), " + found);
            }
            Optional<List<String>> allowed = allowedValues(decl);
            if (allowed.isPresent() && !allowed.get().contains(item)) {
                throw TemplateProblem.at(where,
                        "expected one of the AllowedValues " + allowed.get() + ", " + found);
            }
            Optional<Pattern> pattern = allowedPattern(decl);
            if (pattern.isPresent() && !pattern.get().matcher(item).matches()) {
                throw TemplateProblem.at(where,
                        "expected a value matching the AllowedPattern " + pattern.get() + ", " + found);
            }
            checkLength(decl, where, item, found);
            if (parameter.type().equals("Number")) {
                checkRange(decl, where, new BigDecimal(item), found);
            }
        }
    }

    private static Optional<List<String>> allowedValues(Mapping decl) {
        return decl.get("AllowedValues").map(value -> {
            if (!(value instanceof Sequence sequence)) {
                throw TemplateProblem.expected(value, "a list of allowed values");
            }
            return sequence.items().stream().map(item -> scalarText(item, "an allowed value")).toList();
        });
    }

    private static Optional<Pattern> allowedPattern(Mapping decl) {
        return decl.get("AllowedPattern").map(value -> {
            String regex = scalarText(value, "a regular expression");
            try {
                return Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw TemplateProblem.at(value,
                        "expected a valid regular expression, found '" + regex + "': " + e.getDescription());
            }
        });
    }

    private static void checkLength(Mapping decl, TemplateValue where, String item, String found) {
        Optional<BigDecimal> min = number(decl, "MinLength");
        Optional<BigDecimal> max = number(decl, "MaxLength");
        BigDecimal length = BigDecimal.valueOf(item.length());
        if (min.isPresent() && length.compareTo(min.get()) < 0
                || max.isPresent() && length.compareTo(max.get()) > 0) {
            throw TemplateProblem.at(where, "expected a length from " + min.map(BigDecimal::toPlainString).orElse("0")
                    + " to " + max.map(BigDecimal::toPlainString).orElse("any") + " (MinLength/MaxLength), " + found);
        }
    }

    private static void checkRange(Mapping decl, TemplateValue where, BigDecimal value, String found) {
        Optional<BigDecimal> min = number(decl, "MinValue");
        Optional<BigDecimal> max = number(decl, "MaxValue");
        if (min.isPresent() && value.compareTo(min.get()) < 0 || max.isPresent() && value.compareTo(max.get()) > 0) {
            throw TemplateProblem.at(where, "expected a number from " + min.map(BigDecimal::toPlainString).orElse("any")
                    + " to " + max.map(BigDecimal::toPlainString).orElse("any") + " (MinValue/MaxValue), " + found);
        }
    }

    private static Optional<BigDecimal> number(Mapping decl, String key) {
        return decl.get(key).map(value -> {
            String text = scalarText(value, "a number");
            if (!NUMBER.matcher(text).matches()) {
                throw TemplateProblem.expected(value, "a number");
            }
            return new BigDecimal(text);
        });
    }

    private static String scalarText(TemplateValue value, String expected) {
        if (!(value instanceof Scalar scalar) || scalar.isNull()) {
            throw TemplateProblem.expected(value, expected);
        }
        return scalar.text();
    }
}

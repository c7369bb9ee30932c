package dev.overtime.platform.template;

import dev.overtime.platform.template.TemplateValue.Scalar;
import java.util.regex.Pattern;

/** Reads resolved property values as text or integers, failing with "expected X, found Y". */
final class PropertyValues {

    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");

    private PropertyValues() {
    }

    /** The text of a scalar; numbers and booleans read as written. */
    static String text(TemplateValue value, String expected) {
        if (!(value instanceof Scalar scalar) || scalar.isNull()) {
            throw TemplateProblem.expected(value, expected);
        }
        return scalar.text();
    }

    /**
     * An integer from {@code min} to {@code max}. Quoted digits count, since CloudFormation accepts
     * them and a {@code Ref} to a Number parameter yields text.
     */
    static long integer(TemplateValue value, long min, long max, String expected) {
        if (!(value instanceof Scalar scalar) || scalar.isNull() || !INTEGER.matcher(scalar.text()).matches()) {
            throw TemplateProblem.expected(value, expected);
        }
        long number = Long.parseLong(scalar.text());
        if (number < min || number > max) {
            throw TemplateProblem.expected(value, expected);
        }
        return number;
    }
}

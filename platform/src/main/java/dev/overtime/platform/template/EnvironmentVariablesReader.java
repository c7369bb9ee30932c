package dev.overtime.platform.template;

import dev.overtime.platform.function.ReservedEnvironmentKeys;
import dev.overtime.platform.template.TemplateValue.Mapping;
import dev.overtime.platform.template.TemplateValue.Scalar;
import dev.overtime.platform.template.TemplateValue.ScalarKind;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads and checks a function's resolved {@code Environment.Variables}. */
final class EnvironmentVariablesReader {

    private static final Pattern KEY = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]+");

    private EnvironmentVariablesReader() {
    }

    /** The variables in template order; empty when the function has none. */
    static Map<String, String> read(Optional<TemplateValue> environment) {
        Map<String, String> variables = new LinkedHashMap<>();
        if (environment.isEmpty()) {
            return variables;
        }
        if (!(environment.get() instanceof Mapping env)) {
            throw TemplateProblem.expected(environment.get(), "a map with Variables");
        }
        Optional<TemplateValue> declared = env.get("Variables");
        if (declared.isEmpty()) {
            return variables;
        }
        if (!(declared.get() instanceof Mapping map)) {
            throw TemplateProblem.expected(declared.get(), "a map of variable names to values");
        }
        map.entries().forEach((key, value) -> {
            checkKey(key, value);
            variables.put(key, valueText(value));
        });
        return variables;
    }

    private static void checkKey(String key, TemplateValue value) {
        if (!KEY.matcher(key).matches()) {
            throw TemplateProblem.at(value, "expected a variable name of a letter followed by letters, digits or "
                    + "underscores ([a-zA-Z][a-zA-Z0-9_]+), found '" + key + "'");
        }
        if (ReservedEnvironmentKeys.isReserved(key)) {
            throw TemplateProblem.at(value, "expected a variable name Lambda does not reserve, found '" + key
                    + "', which Lambda sets itself");
        }
    }

    private static String valueText(TemplateValue value) {
        if (!(value instanceof Scalar scalar) || scalar.isNull()) {
            throw TemplateProblem.expected(value, "a text, number or boolean value");
        }
        // Lambda stores text; YAML's true/True/TRUE all mean the boolean true, which reads "true".
        boolean plainBoolean = scalar.kind() == ScalarKind.BOOLEAN
                && (scalar.text().equalsIgnoreCase("true") || scalar.text().equalsIgnoreCase("false"));
        return plainBoolean ? scalar.text().toLowerCase(Locale.ROOT) : scalar.text();
    }
}

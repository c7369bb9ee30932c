package dev.overtime.platform.template;

import dev.overtime.platform.template.TemplateValue.Mapping;
import dev.overtime.platform.template.TemplateValue.Scalar;
import dev.overtime.platform.template.TemplateValue.ScalarKind;
import dev.overtime.platform.template.TemplateValue.Sequence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the resolved values of API definitions (SAM properties and OpenAPI documents): maps, lists and booleans,
 * failing with "expected X, found Y".
 */
final class ApiValues {

    /** The spellings YAML 1.1 (and so SnakeYAML) reads as true. */
    private static final Set<String> TRUE = Set.of("true", "yes", "on");
    private static final Set<String> FALSE = Set.of("false", "no", "off");
    private static final Pattern STAGE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final Pattern STAGE_VARIABLE_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");

    private ApiValues() {
    }

    /** The value as a map. */
    static Mapping mapping(TemplateValue value, String expected) {
        if (!(value instanceof Mapping mapping)) {
            throw TemplateProblem.expected(value, expected);
        }
        return mapping;
    }

    /** The map under {@code key}, if the parent has the key. */
    static Optional<Mapping> mapping(Mapping parent, String key, String expected) {
        return parent.get(key).map(value -> mapping(value, expected));
    }

    /** The text under {@code key}, if the parent has the key. */
    static Optional<String> text(Mapping parent, String key, String expected) {
        return parent.get(key).map(value -> PropertyValues.text(value, expected));
    }

    /** A map of texts, e.g. {@code requestParameters} or {@code requestTemplates}, in written order. */
    static Map<String, String> textMap(TemplateValue value, String expected) {
        Map<String, String> texts = new LinkedHashMap<>();
        mapping(value, "a map of " + expected).entries()
                .forEach((key, entry) -> texts.put(key, PropertyValues.text(entry, expected)));
        return texts;
    }

    /** The texts of a list, or of a single text (which CloudFormation often accepts in place of a list of one). */
    static List<String> texts(TemplateValue value, String expected) {
        List<String> texts = new ArrayList<>();
        if (value instanceof Sequence sequence) {
            sequence.items().forEach(item -> texts.add(PropertyValues.text(item, expected)));
        } else {
            texts.add(PropertyValues.text(value, "a list of " + expected));
        }
        return texts;
    }

    /** A boolean written as YAML or JSON writes it, or as the text {@code "true"} or {@code "false"}. */
    static boolean bool(TemplateValue value) {
        if (value instanceof Scalar scalar && (scalar.kind() == ScalarKind.BOOLEAN
                || scalar.kind() == ScalarKind.STRING)) {
            String text = scalar.text().toLowerCase(Locale.ROOT);
            if (TRUE.contains(text) && (scalar.kind() == ScalarKind.BOOLEAN || text.equals("true"))) {
                return true;
            }
            if (FALSE.contains(text) && (scalar.kind() == ScalarKind.BOOLEAN || text.equals("false"))) {
                return false;
            }
        }
        throw TemplateProblem.expected(value, "true or false");
    }

    /** A resolved stage name: letters, digits, hyphens and underscores, or {@code $default} for HTTP APIs. */
    static String stageName(TemplateValue value, boolean http) {
        String expected = "a stage name of 1 to 128 letters, digits, hyphens or underscores"
                + (http ? ", or $default" : "");
        String name = PropertyValues.text(value, expected);
        if (!(STAGE_NAME.matcher(name).matches() || http && name.equals("$default"))) {
            throw TemplateProblem.expected(value, expected);
        }
        return name;
    }

    /** Resolved stage variables: names of letters, digits and underscores, to text. */
    static Map<String, String> stageVariables(TemplateValue value) {
        Map<String, String> variables = textMap(value, "stage variable values");
        Mapping mapping = (Mapping) value;
        variables.keySet().forEach(name -> {
            if (!STAGE_VARIABLE_NAME.matcher(name).matches()) {
                throw new TemplateProblem(mapping.line(), mapping.childPath(name), "expected a stage variable name of "
                        + "1 to 64 letters, digits or underscores, found '" + name + "'");
            }
        });
        return variables;
    }

    /** A regular expression, such as an authorizer's token validation expression, that compiles. */
    static String regularExpression(TemplateValue value) {
        String expected = "a regular expression";
        String expression = PropertyValues.text(value, expected);
        try {
            Pattern.compile(expression);
        } catch (PatternSyntaxException e) {
            throw TemplateProblem.at(value, "expected " + expected + ", found '" + expression + "' ("
                    + e.getDescription() + ")");
        }
        return expression;
    }

    /** The boolean under {@code key}, or the default when the parent lacks the key. */
    static boolean bool(Mapping parent, String key, boolean otherwise) {
        return parent.get(key).map(ApiValues::bool).orElse(otherwise);
    }
}

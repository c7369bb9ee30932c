package dev.overtime.platform.template;

import java.util.List;

/**
 * A template parameter with its effective value (the override, else the Default).
 *
 * @param declaration the parameter's entry under {@code Parameters}, for messages
 */
record TemplateParameter(String name, String type, String value, TemplateValue declaration) {

    /** The parameter types whose value Overtime can substitute; others (SSM, AWS::EC2::...) are not. */
    static final List<String> RESOLVED_TYPES = List.of("String", "Number", "CommaDelimitedList");

    boolean isResolvable() {
        return RESOLVED_TYPES.contains(type);
    }

    boolean isList() {
        return type.equals("CommaDelimitedList");
    }

    /** The value as a list: a CommaDelimitedList splits on commas, anything else is one item. */
    List<String> items() {
        return isList() ? List.of(value.split(",", -1)) : List.of(value);
    }
}

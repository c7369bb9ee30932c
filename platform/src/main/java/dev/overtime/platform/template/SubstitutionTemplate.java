package dev.overtime.platform.template;

import java.util.ArrayList;
import java.util.List;

/**
 * The string of an {@code Fn::Sub}, split into literal text and {@code ${Variable}} references.
 * {@code ${!Text}} is CloudFormation's escape for a literal {@code ${Text}}; a {@code ${} without
 * a closing brace stays literal text.
 */
record SubstitutionTemplate(List<Part> parts) {

    sealed interface Part permits Literal, Variable {
    }

    record Literal(String text) implements Part {
    }

    /** A reference: a parameter, pseudo parameter, resource, {@code Resource.Attribute} or map variable. */
    record Variable(String name) implements Part {
    }

    SubstitutionTemplate {
        parts = List.copyOf(parts);
    }

    static SubstitutionTemplate parse(String text) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int index = 0;
        while (index < text.length()) {
            int start = text.indexOf("${", index);
            if (start < 0) {
                literal.append(text, index, text.length());
                break;
            }
            literal.append(text, index, start);
            if (start + 2 < text.length() && text.charAt(start + 2) == '!') {
                literal.append("${");
                index = start + 3;
                continue;
            }
            int end = text.indexOf('}', start + 2);
            if (end < 0) {
                literal.append(text, start, text.length());
                break;
            }
            if (!literal.isEmpty()) {
                parts.add(new Literal(literal.toString()));
                literal.setLength(0);
            }
            parts.add(new Variable(text.substring(start + 2, end).trim()));
            index = end + 1;
        }
        if (!literal.isEmpty()) {
            parts.add(new Literal(literal.toString()));
        }
        return new SubstitutionTemplate(parts);
    }
}

package dev.overtime.platform.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A value read from a template, carrying the 1-based line and the property path
 * (e.g. {@code Resources.HelloFunction.Properties.Timeout}) it was written at, so every
 * error can point at its source.
 */
sealed interface TemplateValue
        permits TemplateValue.Scalar, TemplateValue.Mapping, TemplateValue.Sequence, TemplateValue.Intrinsic {

    int line();

    String path();

    /** How the value reads in an error message after "found". */
    String describe();

    static String childPath(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    enum ScalarKind { STRING, INTEGER, FLOAT, BOOLEAN, NULL }

    record Scalar(String text, ScalarKind kind, int line, String path) implements TemplateValue {

        boolean isNull() {
            return kind == ScalarKind.NULL;
        }

        @Override
        public String describe() {
            return isNull() ? "nothing" : "'" + text + "'";
        }
    }

    record Mapping(Map<String, TemplateValue> entries, int line, String path) implements TemplateValue {

        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        static Mapping empty(int line, String path) {
            return new Mapping(Map.of(), line, path);
        }

        Optional<TemplateValue> get(String key) {
            return Optional.ofNullable(entries.get(key));
        }

        String childPath(String key) {
            return TemplateValue.childPath(path, key);
        }

        @Override
        public String describe() {
            return "a map";
        }
    }

    record Sequence(List<TemplateValue> items, int line, String path) implements TemplateValue {

        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /**
     * A CloudFormation intrinsic function.
     *
     * @param name      the long form name: {@code Ref}, {@code Condition} or {@code Fn::Xxx}
     * @param writtenAs how the template spells it ({@code !Sub} or {@code Fn::Sub}), for messages
     */
    record Intrinsic(String name, String writtenAs, TemplateValue argument, int line, String path)
            implements TemplateValue {

        @Override
        public String describe() {
            return writtenAs;
        }
    }
}

package dev.overtime.platform.template;

import dev.overtime.platform.template.TemplateValue.Mapping;
import dev.overtime.platform.template.TemplateValue.Scalar;
import dev.overtime.platform.template.TemplateValue.Sequence;
import java.util.Optional;

/** Reads a map's properties with their intrinsics resolved, failing with "expected X, found Y". */
final class ResolvedProperties {

    private final IntrinsicResolver resolver;

    ResolvedProperties(IntrinsicResolver resolver) {
        this.resolver = resolver;
    }

    /** The resolved value of {@code key}; empty when it is absent, null or {@code AWS::NoValue}. */
    Optional<TemplateValue> value(Mapping map, String key) {
        return map.get(key).flatMap(resolver::resolve).filter(v -> !(v instanceof Scalar s && s.isNull()));
    }

    Optional<String> text(Mapping map, String key, String expected) {
        return value(map, key).map(v -> PropertyValues.text(v, expected));
    }

    String requiredText(Mapping map, String key, String expected) {
        return text(map, key, expected).orElseThrow(() -> TemplateProblem.required(map, key, expected));
    }

    Optional<Mapping> mapping(Mapping map, String key, String expected) {
        return value(map, key).map(v -> {
            if (!(v instanceof Mapping m)) {
                throw TemplateProblem.expected(v, expected);
            }
            return m;
        });
    }

    Optional<Sequence> sequence(Mapping map, String key, String expected) {
        return value(map, key).map(v -> {
            if (!(v instanceof Sequence s)) {
                throw TemplateProblem.expected(v, expected);
            }
            return s;
        });
    }

    /** An integer property from {@code min} to {@code max}, or {@code fallback} when absent. */
    long integer(Mapping map, String key, long min, long max, long fallback) {
        return value(map, key).map(v -> PropertyValues.integer(v, min, max,
                "an integer from " + min + " to " + max)).orElse(fallback);
    }
}

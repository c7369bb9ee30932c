package dev.overtime.platform.template;

import dev.overtime.platform.template.TemplateValue.Intrinsic;
import dev.overtime.platform.template.TemplateValue.Mapping;
import dev.overtime.platform.template.TemplateValue.Scalar;
import dev.overtime.platform.template.TemplateValue.Sequence;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the resource other than a function, version or alias that a {@code Ref}, {@code Fn::GetAtt} or
 * {@code Fn::Sub} names. The resolver refuses such references, yet a destination may name a queue or a
 * topic, which Overtime only has to recognise in order to leave it out.
 */
final class NonFunctionReferences {

    private NonFunctionReferences() {
    }

    /** The first resource the resolver refuses that the value refers to, if it is an intrinsic that refers to one. */
    static Optional<TemplateResource> find(TemplateValue value, Map<String, TemplateResource> resources) {
        if (!(value instanceof Intrinsic intrinsic)) {
            return Optional.empty();
        }
        List<String> names = switch (intrinsic.name()) {
            case "Ref" -> intrinsic.argument() instanceof Scalar name ? List.of(name.text()) : List.of();
            case "Fn::GetAtt" -> getAttResource(intrinsic.argument());
            case "Fn::Sub" -> subResources(intrinsic.argument());
            default -> List.of();
        };
        return names.stream()
                .map(resources::get)
                .filter(Objects::nonNull)
                .filter(resource -> !ResourceTypes.isResolvable(resource.type()))
                .findFirst();
    }

    private static List<String> getAttResource(TemplateValue argument) {
        return switch (argument) {
            case Scalar scalar when !scalar.isNull() -> List.of(beforeDot(scalar.text()));
            case Sequence sequence when !sequence.items().isEmpty()
                    && sequence.items().getFirst() instanceof Scalar resource -> List.of(resource.text());
            default -> List.of();
        };
    }

    private static List<String> subResources(TemplateValue argument) {
        return switch (argument) {
            case Scalar scalar when !scalar.isNull() -> variables(scalar.text(), Map.of());
            case Sequence sequence when sequence.items().size() == 2
                    && sequence.items().get(0) instanceof Scalar text
                    && sequence.items().get(1) instanceof Mapping own -> variables(text.text(), own.entries());
            default -> List.of();
        };
    }

    /** The resources the {@code ${...}} of a substitution name, leaving out its own variables. */
    private static List<String> variables(String text, Map<String, TemplateValue> ownVariables) {
        return SubstitutionTemplate.parse(text).parts().stream()
                .filter(part -> part instanceof SubstitutionTemplate.Variable)
                .map(part -> ((SubstitutionTemplate.Variable) part).name())
                .filter(name -> !ownVariables.containsKey(name))
                .map(NonFunctionReferences::beforeDot)
                .toList();
    }

    private static String beforeDot(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}

package dev.overtime.platform.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overtime.platform.template.TemplateValue.Intrinsic;
import dev.overtime.platform.template.TemplateValue.Mapping;
import dev.overtime.platform.template.TemplateValue.Scalar;
import dev.overtime.platform.template.TemplateValue.Sequence;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Turns a resolved template value into JSON, as a JSON Schema model needs it: integers, decimals and booleans keep
 * their type, everything else is text.
 */
final class TemplateJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private TemplateJson() {
    }

    /** @param value a value with every intrinsic resolved */
    static JsonNode of(TemplateValue value) {
        return switch (value) {
            case Scalar scalar -> scalar(scalar);
            case Mapping mapping -> {
                ObjectNode object = JSON.objectNode();
                mapping.entries().forEach((key, entry) -> object.set(key, of(entry)));
                yield object;
            }
            case Sequence sequence -> {
                ArrayNode array = JSON.arrayNode();
                sequence.items().forEach(item -> array.add(of(item)));
                yield array;
            }
            case Intrinsic intrinsic -> throw TemplateProblem.at(intrinsic, "expected a plain value, found "
                    + intrinsic.writtenAs());
        };
    }

    private static JsonNode scalar(Scalar scalar) {
        return switch (scalar.kind()) {
            case NULL -> JSON.nullNode();
            case BOOLEAN -> JSON.booleanNode(ApiValues.bool(scalar));
            case INTEGER -> number(scalar.text(), true);
            case FLOAT -> number(scalar.text(), false);
            case STRING -> JSON.textNode(scalar.text());
        };
    }

    /**
     * A number as Jackson parses JSON: int, long or big integer, and double. YAML also writes numbers as
     * {@code 0x1f} or {@code .inf}, which JSON cannot hold: those stay text.
     */
    private static JsonNode number(String text, boolean integer) {
        try {
            if (!integer) {
                return JSON.numberNode(new BigDecimal(text).doubleValue());
            }
            BigInteger number = new BigInteger(text);
            return number.bitLength() < Integer.SIZE ? JSON.numberNode(number.intValue())
                    : number.bitLength() < Long.SIZE ? JSON.numberNode(number.longValue()) : JSON.numberNode(number);
        } catch (NumberFormatException e) {
            return JSON.textNode(text);
        }
    }
}

package dev.overtime.platform.appsync.engine;

import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.EnumValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An argument as written in a query, with its variables filled in, as plain Java values. */
final class Literals {

    private Literals() {
    }

    static Object value(Value<?> value, Map<String, Object> variables) {
        return switch (value) {
            case null -> null;
            case VariableReference v -> variables.get(v.getName());
            case StringValue s -> s.getValue();
            case IntValue i -> i.getValue().longValueExact();
            case FloatValue f -> f.getValue().doubleValue();
            case BooleanValue b -> b.isValue();
            case EnumValue e -> e.getName();
            case NullValue n -> null;
            case ArrayValue a -> {
                List<Object> items = new ArrayList<>();
                a.getValues().forEach(v -> items.add(value(v, variables)));
                yield items;
            }
            case ObjectValue o -> {
                Map<String, Object> fields = new LinkedHashMap<>();
                for (ObjectField field : o.getObjectFields()) {
                    fields.put(field.getName(), value(field.getValue(), variables));
                }
                yield fields;
            }
            default -> null;
        };
    }
}

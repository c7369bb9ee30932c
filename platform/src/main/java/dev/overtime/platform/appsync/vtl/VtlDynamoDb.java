package dev.overtime.platform.appsync.vtl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code $util.dynamodb}: values in DynamoDB's typed form ({@code {"S": "x"}}, {@code {"N": "1"}}, ...). */
public final class VtlDynamoDb {
    static final VtlDynamoDb INSTANCE = new VtlDynamoDb();

    private VtlDynamoDb() {
    }

    public Map<String, Object> toDynamoDB(Object value) {
        Map<String, Object> typed = new LinkedHashMap<>(2);
        switch (value) {
            case null -> typed.put("NULL", true);
            case String s -> typed.put("S", s);
            case Number n -> typed.put("N", n.toString());
            case Boolean b -> typed.put("BOOL", b);
            case List<?> list -> {
                List<Object> items = new ArrayList<>(list.size());
                list.forEach(item -> items.add(toDynamoDB(item)));
                typed.put("L", items);
            }
            case Map<?, ?> map -> typed.put("M", toMapValues(map));
            default -> typed.put("S", value.toString());
        }
        return typed;
    }

    public String toDynamoDBJson(Object value) {
        return VtlJson.write(toDynamoDB(value));
    }

    public Map<String, Object> toMapValues(Object map) {
        if (!(map instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("$util.dynamodb.toMapValues expects a map");
        }
        Map<String, Object> typed = new LinkedHashMap<>(Math.max(4, m.size() * 2));
        m.forEach((key, item) -> typed.put(String.valueOf(key), toDynamoDB(item)));
        return typed;
    }

    public String toMapValuesJson(Object map) {
        return VtlJson.write(toMapValues(map));
    }
}

package dev.overtime.platform.security.iam;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads policy documents from the parsed tree of YAML or JSON (maps, lists and scalars), with errors
 * that say where: {@code principals[0].policies[1].Statement[2]: ...}.
 */
public final class PolicyReader {

    private PolicyReader() {
    }

    public static Policy read(Object document, String where) {
        Map<?, ?> map = map(document, where, "a policy document with Version and Statement");
        Object version = map.get("Version");
        if (version != null && !version.toString().equals("2012-10-17") && !version.toString().equals("2008-10-17")) {
            throw new IllegalArgumentException(where + ".Version: expected \"2012-10-17\", found " + version);
        }
        Object statements = map.get("Statement");
        if (statements == null) {
            throw new IllegalArgumentException(where + ": Statement is required");
        }
        List<Statement> out = new ArrayList<>();
        List<?> list = statements instanceof List<?> l ? l : List.of(statements);
        for (int i = 0; i < list.size(); i++) {
            out.add(statement(list.get(i), where + ".Statement[" + i + "]"));
        }
        return new Policy(out);
    }

    private static Statement statement(Object value, String where) {
        Map<?, ?> map = map(value, where, "a statement with Effect, Action and Resource");
        Object effect = map.get("Effect");
        Effect parsed;
        if ("Allow".equals(effect)) {
            parsed = Effect.ALLOW;
        } else if ("Deny".equals(effect)) {
            parsed = Effect.DENY;
        } else {
            throw new IllegalArgumentException(where + ".Effect: expected Allow or Deny, found " + effect);
        }
        boolean notAction = exactlyOne(map, "Action", "NotAction", where);
        boolean notResource = exactlyOne(map, "Resource", "NotResource", where);
        List<String> actions = strings(map.get(notAction ? "NotAction" : "Action"), where + (notAction ? ".NotAction" : ".Action"));
        List<String> resources = strings(map.get(notResource ? "NotResource" : "Resource"),
                where + (notResource ? ".NotResource" : ".Resource"));
        List<Condition> conditions = map.containsKey("Condition")
                ? conditions(map.get("Condition"), where + ".Condition") : List.of();
        Object sid = map.get("Sid");
        return new Statement(sid == null ? null : sid.toString(), parsed, actions, notAction, resources, notResource,
                conditions);
    }

    private static boolean exactlyOne(Map<?, ?> map, String plain, String negated, String where) {
        boolean hasPlain = map.containsKey(plain);
        boolean hasNegated = map.containsKey(negated);
        if (hasPlain == hasNegated) {
            throw new IllegalArgumentException(where + ": expected exactly one of " + plain + " and " + negated);
        }
        return hasNegated;
    }

    private static List<Condition> conditions(Object value, String where) {
        List<Condition> out = new ArrayList<>();
        for (Map.Entry<?, ?> byOperator : map(value, where, "a map of condition operators").entrySet()) {
            String written = byOperator.getKey().toString();
            boolean ifExists = written.endsWith("IfExists");
            String name = ifExists ? written.substring(0, written.length() - "IfExists".length()) : written;
            ConditionOperator operator = ConditionOperator.named(name).orElseThrow(() -> new IllegalArgumentException(
                    where + "." + written + ": Overtime does not evaluate this condition operator"));
            String at = where + "." + written;
            for (Map.Entry<?, ?> byKey : map(byOperator.getValue(), at, "a map of condition keys").entrySet()) {
                out.add(new Condition(operator, ifExists, byKey.getKey().toString().toLowerCase(Locale.ROOT),
                        strings(byKey.getValue(), at + "." + byKey.getKey())));
            }
        }
        return out;
    }

    private static List<String> strings(Object value, String where) {
        if (value instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            for (Object item : list) {
                if (item == null || item instanceof Map || item instanceof List) {
                    throw new IllegalArgumentException(where + ": expected a string or a list of strings");
                }
                out.add(item.toString());
            }
            return out;
        }
        if (value == null || value instanceof Map) {
            throw new IllegalArgumentException(where + ": expected a string or a list of strings");
        }
        return List.of(value.toString());
    }

    private static Map<?, ?> map(Object value, String where, String expected) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(where + ": expected " + expected);
        }
        return map;
    }
}

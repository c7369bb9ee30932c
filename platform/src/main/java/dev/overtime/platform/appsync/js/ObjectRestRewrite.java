package dev.overtime.platform.appsync.js;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rhino cannot parse object rest in destructuring, yet AppSync code often writes
 * {@code const { id, ...values } = ctx.args;}. This rewrites that declaration form into
 * {@code const __overtimeRest0 = ctx.args, { id } = __overtimeRest0, values = __overtimeRest(__overtimeRest0, ['id']);},
 * evaluating the right-hand side once and keeping the line count. Forms it does not recognise (nested patterns,
 * computed keys, rest in parameters) are left alone, and Rhino reports them as unsupported with their line.
 */
final class ObjectRestRewrite {

    /** The global function that copies an object's own enumerable properties except the given keys. */
    static final String REST_FUNCTION = "__overtimeRest";

    private static final Pattern DECLARATION = Pattern.compile(
            "\\b(const|let|var)\\s*\\{(?<named>[^{}]*?)\\.\\.\\.\\s*(?<rest>[A-Za-z_$][\\w$]*)\\s*}\\s*=");
    private static final Pattern PLAIN_KEY = Pattern.compile("^([A-Za-z_$][\\w$]*|'[^']*'|\"[^\"]*\")\\s*(?:[:=].*)?$",
            Pattern.DOTALL);
    private static final String CONTINUES_EXPRESSION = "+-*/%&|^!=<>?:,.([{";

    private ObjectRestRewrite() {
    }

    static String rewrite(String script) {
        Matcher m = DECLARATION.matcher(script);
        StringBuilder out = new StringBuilder();
        int copied = 0;
        int temps = 0;
        int searchFrom = 0;
        while (m.find(searchFrom)) {
            searchFrom = m.end();
            List<String> keys = keys(m.group("named"));
            int end = expressionEnd(script, m.end());
            if (keys == null || end < 0 || script.substring(m.end(), end).isBlank()) {
                continue;
            }
            String temp = REST_FUNCTION + temps++;
            String named = m.group("named").strip();
            if (named.endsWith(",")) {
                named = named.substring(0, named.length() - 1);
            }
            StringBuilder quotedKeys = new StringBuilder();
            for (String key : keys) {
                quotedKeys.append(quotedKeys.isEmpty() ? "" : ", ").append(quote(key));
            }
            String replacement = m.group(1) + " " + temp + " = " + script.substring(m.end(), end).strip() + ", {"
                    + named + "} = " + temp + ", " + m.group("rest") + " = " + REST_FUNCTION + "(" + temp + ", ["
                    + quotedKeys + "])";
            String original = script.substring(m.start(), end);
            out.append(script, copied, m.start()).append(replacement.replace("\n", " "))
                    .append("\n".repeat(newlines(original)));
            copied = end;
            searchFrom = end;
        }
        return out.append(script, copied, script.length()).toString();
    }

    /** The property names a pattern like {@code id, name: n, tag = 'x',} takes, or null for a form not handled. */
    private static List<String> keys(String named) {
        List<String> keys = new ArrayList<>();
        for (String part : named.split(",")) {
            String item = part.strip();
            if (item.isEmpty()) {
                continue;
            }
            Matcher key = PLAIN_KEY.matcher(item);
            if (!key.matches()) {
                return null;
            }
            String name = key.group(1);
            keys.add(name.startsWith("'") || name.startsWith("\"") ? name.substring(1, name.length() - 1) : name);
        }
        return keys;
    }

    /** Where the initialiser starting at {@code from} ends: a {@code ;}, a closing bracket, or a final line end. */
    private static int expressionEnd(String s, int from) {
        int depth = 0;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\'', '"', '`' -> {
                    i = closingQuote(s, i);
                    if (i < 0) {
                        return -1;
                    }
                }
                case '(', '[', '{' -> depth++;
                case ')', ']', '}' -> {
                    if (depth == 0) {
                        return i;
                    }
                    depth--;
                }
                case ';' -> {
                    if (depth == 0) {
                        return i;
                    }
                }
                case '\n' -> {
                    if (depth == 0 && endsStatement(s, from, i)) {
                        return i;
                    }
                }
                default -> {
                }
            }
        }
        return depth == 0 ? s.length() : -1;
    }

    private static boolean endsStatement(String s, int from, int newline) {
        String before = s.substring(from, newline).strip();
        if (before.isEmpty() || CONTINUES_EXPRESSION.indexOf(before.charAt(before.length() - 1)) >= 0) {
            return false;
        }
        String after = s.substring(newline).strip();
        return after.isEmpty() || CONTINUES_EXPRESSION.indexOf(after.charAt(0)) < 0;
    }

    private static int closingQuote(String s, int open) {
        char quote = s.charAt(open);
        for (int i = open + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        return -1;
    }

    private static String quote(String key) {
        return "'" + key.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static int newlines(String text) {
        return (int) text.chars().filter(c -> c == '\n').count();
    }
}

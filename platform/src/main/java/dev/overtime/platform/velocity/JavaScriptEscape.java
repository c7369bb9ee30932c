package dev.overtime.platform.velocity;

/**
 * {@code $util.escapeJavaScript} (API Gateway's and AppSync's templates) and AppSync JS's
 * {@code util.escapeJavaScript}, with the JavaScript string rules of Apache Commons Lang's
 * {@code escapeJavaScript}: {@code '}, {@code "}, {@code \} and {@code /} get a backslash, control characters
 * become {@code \n}, {@code \t}, ... or <code>&#92;u00XX</code>, and characters above U+007F <code>&#92;uXXXX</code>.
 */
public final class JavaScriptEscape {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private JavaScriptEscape() {
    }

    public static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\'' -> out.append("\\'");
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '/' -> out.append("\\/");
                case '\b' -> out.append("\\b");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c > 0x7f) {
                        out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF])
                                .append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}

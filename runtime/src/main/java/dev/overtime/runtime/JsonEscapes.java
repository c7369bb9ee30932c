package dev.overtime.runtime;

/** Decoding of JSON string escapes, shared by the runtime's two JSON readers, which fail differently. */
final class JsonEscapes {
    private JsonEscapes() {
    }

    /**
     * Decodes the escape whose character (after the backslash) is at {@code at}, appending it to
     * {@code out}.
     *
     * @return the index just after the escape, or -1 if it is not a valid JSON escape
     */
    static int decode(String s, int at, StringBuilder out) {
        if (at >= s.length()) {
            return -1;
        }
        char e = s.charAt(at);
        switch (e) {
            case '"', '\\', '/' -> out.append(e);
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'u' -> {
                if (at + 5 > s.length()) {
                    return -1;
                }
                int code = 0;
                for (int k = 1; k <= 4; k++) {
                    int digit = Character.digit(s.charAt(at + k), 16);
                    if (digit < 0) {
                        return -1;
                    }
                    code = code * 16 + digit;
                }
                out.append((char) code);
                return at + 5;
            }
            default -> {
                return -1;
            }
        }
        return at + 1;
    }
}

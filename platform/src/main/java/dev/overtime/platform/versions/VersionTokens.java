package dev.overtime.platform.versions;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A declared version's number is known only once start has published it, after the template is
 * read. So a template's {@code !Ref Fn.Version}, {@code !Ref Version} and {@code !GetAtt Version.Version}
 * resolve to a token naming the version's logical id, which start replaces by the number in the
 * properties that may hold one: qualifiers, destination ARNs and environment variables.
 */
public final class VersionTokens {

    private static final Pattern TOKEN = Pattern.compile("\\{\\{overtime-version:([A-Za-z0-9]+)}}");

    private VersionTokens() {
    }

    /** The token standing for the number of the version declared as {@code logicalId}. */
    public static String of(String logicalId) {
        return "{{overtime-version:" + logicalId + "}}";
    }

    public static boolean contains(String text) {
        return text != null && text.contains("{{overtime-version:");
    }

    /** {@code text} with every token replaced by {@code numberOf(logicalId)}. */
    public static String replace(String text, Function<String, String> numberOf) {
        if (!contains(text)) {
            return text;
        }
        Matcher m = TOKEN.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(numberOf.apply(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }
}

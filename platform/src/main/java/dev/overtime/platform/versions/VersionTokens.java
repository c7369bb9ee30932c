package dev.overtime.platform.versions;

import dev.overtime.platform.function.FunctionDefinition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * The definitions, those whose environment names a declared version last: their tokens can then
     * be replaced by numbers the functions before them were given.
     */
    public static List<FunctionDefinition> referencesLast(List<FunctionDefinition> definitions) {
        List<FunctionDefinition> ordered = new ArrayList<>();
        definitions.stream().filter(d -> !refersToVersions(d)).forEach(ordered::add);
        definitions.stream().filter(VersionTokens::refersToVersions).forEach(ordered::add);
        return ordered;
    }

    /** {@code definition} with the tokens in its environment variables replaced; unknown ones stay. */
    public static FunctionDefinition replaceIn(FunctionDefinition d, Map<String, String> numbers) {
        if (!refersToVersions(d)) {
            return d;
        }
        Map<String, String> environment = new LinkedHashMap<>();
        d.environment().forEach((key, value) -> environment.put(key, replace(value, numbers::get)));
        return new FunctionDefinition(d.logicalId(), d.name(), d.runtime(), d.handler(), d.code(), d.timeout(),
                d.memorySizeMb(), environment, d.reservedConcurrency(), d.description(), d.freeze(), d.layers(),
                d.ephemeralStorageMb());
    }

    private static boolean refersToVersions(FunctionDefinition d) {
        return d.environment().values().stream().anyMatch(VersionTokens::contains);
    }

    /** {@code text} with every token replaced by {@code numberOf(logicalId)}. */
    public static String replace(String text, Function<String, String> numberOf) {
        if (!contains(text)) {
            return text;
        }
        Matcher m = TOKEN.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String number = numberOf.apply(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(number != null ? number : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }
}

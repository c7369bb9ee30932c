package dev.overtime.platform.template;

import dev.overtime.platform.versions.VersionTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The qualifiers Lambda accepts ({@code $LATEST}, a version number, an alias name) and a declared version's token. */
final class Qualifiers {

    static final String LATEST = "$LATEST";
    static final String ALIAS_EXPECTED =
            "an alias name of 1 to 128 letters, digits, hyphens or underscores, not only digits";

    private static final Pattern ALIAS_NAME = Pattern.compile("(?!^[0-9]+$)[a-zA-Z0-9-_]{1,128}");
    private static final Pattern VERSION_NUMBER = Pattern.compile("[0-9]+");

    private Qualifiers() {
    }

    /** The alias name a resolved value gives, checked as Lambda checks it. */
    static String aliasName(TemplateValue value) {
        String name = PropertyValues.text(value, ALIAS_EXPECTED);
        if (!ALIAS_NAME.matcher(name).matches()) {
            throw TemplateProblem.expected(value, ALIAS_EXPECTED);
        }
        return name;
    }

    static boolean isVersionNumber(String text) {
        return VERSION_NUMBER.matcher(text).matches();
    }

    /**
     * The qualifier a resolved value names: the value itself, or the part after the function name when it is
     * an alias or version ARN (which {@code !Ref Alias} and {@code !Ref Version} give).
     *
     * @param expected what the property takes, for the message when the value is no qualifier
     */
    static String read(TemplateValue value, String expected) {
        String text = PropertyValues.text(value, expected);
        String qualifier = QualifiedFunction.isArn(text) ? QualifiedFunction.parse(text).qualifier() : text;
        if (qualifier == null || !isQualifier(qualifier)) {
            throw TemplateProblem.expected(value, expected);
        }
        return qualifier;
    }

    static boolean isQualifier(String text) {
        return text.equals(LATEST) || isVersionNumber(text) || ALIAS_NAME.matcher(text).matches()
                || declaredVersion(text).isPresent();
    }

    /** The logical id of the declared version when the text is exactly its token. */
    static Optional<String> declaredVersion(String text) {
        // VersionTokens owns the token syntax; replacing each token by nothing leaves nothing only for a lone token.
        List<String> ids = new ArrayList<>();
        String rest = VersionTokens.replace(text, id -> {
            ids.add(id);
            return "";
        });
        return rest.isEmpty() && ids.size() == 1 ? Optional.of(ids.getFirst()) : Optional.empty();
    }
}

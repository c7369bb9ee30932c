package dev.overtime.platform.template;

import dev.overtime.platform.versions.VersionReference;
import java.util.Map;
import java.util.Optional;

/**
 * Turns an alias's {@code FunctionVersion} into a {@link VersionReference}: {@code $LATEST}, a number, or a
 * version the template declares, named by {@code !GetAtt Version.Version}, {@code !Ref Version} or SAM's
 * {@code !Ref Function.Version}. The resolver gives the last three as the version's token (alone or as
 * the qualifier of its ARN), so the resolved text tells them all apart.
 */
final class VersionReferences {

    static final String EXPECTED = "$LATEST, a version number, !GetAtt Version.Version, !Ref Version or "
            + "!Ref Function.Version";

    private final IntrinsicResolver resolver;
    private final Map<String, String> versionOwners;

    /** @param versionOwners the name of the function of each declared version, by the version's logical id */
    VersionReferences(IntrinsicResolver resolver, Map<String, String> versionOwners) {
        this.resolver = resolver;
        this.versionOwners = versionOwners;
    }

    /** @param function the name of the function whose version it must be */
    VersionReference read(TemplateValue written, String function) {
        TemplateValue value = resolver.resolve(written).orElseThrow(() -> TemplateProblem.expected(written, EXPECTED));
        String qualifier = Qualifiers.read(value, EXPECTED);
        if (qualifier.equals(Qualifiers.LATEST)) {
            return new VersionReference.Latest();
        }
        if (Qualifiers.isVersionNumber(qualifier)) {
            return new VersionReference.Numbered(qualifier);
        }
        Optional<String> declared = Qualifiers.declaredVersion(qualifier);
        if (declared.isEmpty()) {
            throw TemplateProblem.expected(value, EXPECTED);
        }
        String owner = versionOwners.get(declared.get());
        if (!function.equals(owner)) {
            throw TemplateProblem.at(value, "expected a version of function '" + function + "', found version '"
                    + declared.get() + "'" + (owner == null ? ", which the template does not declare"
                    : " of function '" + owner + "'"));
        }
        return new VersionReference.Declared(declared.get());
    }
}

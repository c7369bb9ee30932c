package dev.overtime.platform.template;

import dev.overtime.platform.versions.FunctionVersioning;
import dev.overtime.platform.versions.VersionDeclaration;
import java.util.Map;

/**
 * The versions each function declares, to check that a qualifier naming a declared version (by its token)
 * names a version of the function it qualifies: a token is a logical id, so nothing else ties it to one.
 */
record DeclaredVersions(Map<String, FunctionVersioning> byFunction) {

    /**
     * @param where     the value that gave the qualifier, for the message
     * @param function  the name of the function the qualifier goes with
     * @param qualifier a qualifier, or null
     */
    void requireOwnVersion(TemplateValue where, String function, String qualifier) {
        if (qualifier == null) {
            return;
        }
        Qualifiers.declaredVersion(qualifier).ifPresent(version -> {
            boolean own = byFunction.getOrDefault(function, FunctionVersioning.NONE).versions().stream()
                    .map(VersionDeclaration::logicalId)
                    .anyMatch(version::equals);
            if (!own) {
                throw TemplateProblem.at(where, "expected a version of function '" + function + "', found version '"
                        + version + "', which is not one");
            }
        });
    }
}

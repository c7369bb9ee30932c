package dev.overtime.platform.template;

import java.util.Optional;

/** SAM's {@code AutoPublishAlias}: the alias it names and the logical ids of the version and alias SAM generates. */
final class SamAutoPublish {

    static final String PROPERTY = "AutoPublishAlias";

    private SamAutoPublish() {
    }

    /** The alias name, when the function is an {@code AWS::Serverless::Function} setting AutoPublishAlias. */
    static Optional<String> aliasName(TemplateResource function, IntrinsicResolver resolver) {
        if (!function.type().equals(ResourceTypes.SERVERLESS_FUNCTION)) {
            return Optional.empty();
        }
        return function.properties().get(PROPERTY).flatMap(resolver::resolve).map(Qualifiers::aliasName);
    }

    /** {@code HelloVersion}: what {@code !Ref Hello.Version} stands for. */
    static String versionId(String functionLogicalId) {
        return functionLogicalId + "Version";
    }

    /** {@code HelloAliaslive}. */
    static String aliasId(String functionLogicalId, String aliasName) {
        return functionLogicalId + "Alias" + aliasName;
    }
}

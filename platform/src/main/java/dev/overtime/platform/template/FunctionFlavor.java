package dev.overtime.platform.template;

import java.util.Set;

/** What differs between the properties of {@code AWS::Serverless::Function} and {@code AWS::Lambda::Function}. */
enum FunctionFlavor {

    SERVERLESS(ResourceTypes.SERVERLESS_FUNCTION, "CodeUri", "DeadLetterQueue",
            Set.of("SnapStart", "FileSystemConfigs"),
            Set.of("Architectures", "AssumeRolePolicyDocument", "AutoPublishAlias", "AutoPublishAliasAllProperties",
                    "AutoPublishCodeSha256", "CapacityProviderConfig", "CodeSigningConfigArn", "DeploymentPreference",
                    "FunctionUrlConfig", "ProvisionedConcurrencyConfig", "VersionDescription",
                    "CodeUri", "Description", "DurableConfig", "Environment", "EphemeralStorage", "Events",
                    "EventInvokeConfig", "FunctionName", "FunctionScalingConfig", "Handler", "ImageConfig", "ImageUri",
                    "InlineCode", "KmsKeyArn", "Layers", "LoggingConfig", "MemorySize", "PackageType",
                    "PermissionsBoundary", "Policies", "PropagateTags", "PublishToLatestPublished", "RecursiveLoop",
                    "ReservedConcurrentExecutions", "Role", "RolePath", "Runtime", "RuntimeManagementConfig",
                    "SourceKMSKeyArn", "Tags", "TenancyConfig", "Timeout", "Tracing", "VersionDeletionPolicy",
                    "VpcConfig")),

    LAMBDA(ResourceTypes.LAMBDA_FUNCTION, "Code", "DeadLetterConfig",
            Set.of("SnapStart", "FileSystemConfigs"),
            Set.of("Architectures", "CapacityProviderConfig", "Code", "CodeSigningConfigArn", "Description",
                    "DurableConfig", "Environment", "EphemeralStorage", "FunctionName", "FunctionScalingConfig",
                    "Handler", "ImageConfig", "KmsKeyArn", "Layers", "LoggingConfig", "MemorySize", "PackageType",
                    "PublishToLatestPublished", "RecursiveLoop", "ReservedConcurrentExecutions", "Role", "Runtime",
                    "RuntimeManagementConfig", "Tags", "TenancyConfig", "Timeout", "TracingConfig", "VpcConfig"));

    private final String type;
    private final String codeProperty;
    /** Where the type names an SQS queue or SNS topic for events that failed every attempt. */
    private final String deadLetterProperty;
    /** Properties a later piece of work serves; until then the user is warned they have no effect. */
    private final Set<String> notServedYet;
    /** The other properties of the type; Overtime reads some and has no use for the rest. */
    private final Set<String> otherProperties;

    FunctionFlavor(String type, String codeProperty, String deadLetterProperty, Set<String> notServedYet,
            Set<String> otherProperties) {
        this.type = type;
        this.codeProperty = codeProperty;
        this.deadLetterProperty = deadLetterProperty;
        this.notServedYet = notServedYet;
        this.otherProperties = otherProperties;
    }

    static FunctionFlavor of(String type) {
        return type.equals(SERVERLESS.type) ? SERVERLESS : LAMBDA;
    }

    String type() {
        return type;
    }

    String codeProperty() {
        return codeProperty;
    }

    boolean isDeadLetterQueue(String property) {
        return deadLetterProperty.equals(property);
    }

    boolean isNotServedYet(String property) {
        return notServedYet.contains(property);
    }

    boolean isKnown(String property) {
        return isDeadLetterQueue(property) || notServedYet.contains(property) || otherProperties.contains(property);
    }
}

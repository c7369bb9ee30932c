package dev.overtime.platform.template;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The values a template sees through the pseudo parameters {@code AWS::Region},
 * {@code AWS::AccountId} and {@code AWS::StackName}.
 *
 * @param region    e.g. {@code us-east-1}
 * @param accountId twelve digits, e.g. {@code 123456789012}
 * @param stackName a CloudFormation stack name: a letter, then letters, digits and hyphens
 */
public record TemplateContext(String region, String accountId, String stackName) {

    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_ACCOUNT_ID = "123456789012";

    private static final int MAX_STACK_NAME_LENGTH = 128;

    public TemplateContext {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(stackName, "stackName");
        if (region.isBlank()) {
            throw new IllegalArgumentException("region must not be blank");
        }
        if (!accountId.matches("\\d{12}")) {
            throw new IllegalArgumentException("accountId must be twelve digits, got '" + accountId + "'");
        }
        if (!isStackName(stackName)) {
            throw new IllegalArgumentException(
                    "stackName must be a letter followed by letters, digits or hyphens, got '" + stackName + "'");
        }
    }

    /**
     * The defaults for a template: region {@value #DEFAULT_REGION}, account {@value #DEFAULT_ACCOUNT_ID}
     * and a stack named after the template's folder (like {@code sam deploy --guided} suggests).
     */
    public static TemplateContext defaultsFor(Path templateFile) {
        return new TemplateContext(DEFAULT_REGION, DEFAULT_ACCOUNT_ID, stackNameFor(templateFile));
    }

    /** Whether CloudFormation accepts {@code name} as a stack name: a letter, then up to 127 letters, digits or hyphens. */
    public static boolean isStackName(String name) {
        return name.matches("[a-zA-Z][-a-zA-Z0-9]{0,127}");
    }

    /**
     * The name of the template's folder made into a valid stack name: each run of characters a stack
     * name cannot hold becomes one hyphen and leading hyphens go ({@code my_app.v2} gives
     * {@code my-app-v2}, {@code .cache} gives {@code cache}), and a name that does not start with a
     * letter gets {@code stack-} in front ({@code 2024-site} gives {@code stack-2024-site}).
     */
    public static String stackNameFor(Path templateFile) {
        Path folder = templateFile.toAbsolutePath().normalize().getParent();
        String name = folder == null || folder.getFileName() == null ? "" : folder.getFileName().toString();
        name = name.replaceAll("[^-a-zA-Z0-9]+", "-").replaceFirst("^-+", "");
        if (name.isEmpty()) {
            name = "stack";
        } else if (!Character.isLetter(name.charAt(0))) {
            name = "stack-" + name;
        }
        return name.length() > MAX_STACK_NAME_LENGTH ? name.substring(0, MAX_STACK_NAME_LENGTH) : name;
    }
}

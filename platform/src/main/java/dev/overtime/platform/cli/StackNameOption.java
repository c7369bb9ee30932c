package dev.overtime.platform.cli;

import dev.overtime.platform.template.TemplateContext;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --stack-name}, for every command that loads a template. */
final class StackNameOption {

    @Option(names = "--stack-name", paramLabel = "NAME",
            description = "AWS::StackName the template sees (default: the template's folder name, made a valid "
                    + "stack name: my_app.v2 gives my-app-v2)")
    String value;

    /** The option's value if given, else the name of the template's folder made a valid stack name. */
    String forTemplate(Path template) {
        if (value == null) {
            return TemplateContext.stackNameFor(template);
        }
        if (!TemplateContext.isStackName(value)) {
            throw new CliFailure("--stack-name must be a letter followed by at most 127 letters, digits or hyphens, got '"
                    + value + "'");
        }
        return value;
    }
}

package dev.overtime.platform.cli;

import dev.overtime.platform.template.LoadedTemplate;
import dev.overtime.platform.template.TemplateContext;
import dev.overtime.platform.template.TemplateException;
import dev.overtime.platform.template.TemplateLoader;

import java.nio.file.Path;
import java.util.Map;

/** Loads a template for a command, turning a template error into the CLI's one-line failure. */
final class Templates {

    private Templates() {
    }

    static LoadedTemplate load(Path template, Map<String, String> parameters, String region, String stackName) {
        try {
            return TemplateLoader.load(template, parameters,
                    new TemplateContext(region, TemplateContext.DEFAULT_ACCOUNT_ID, stackName));
        } catch (TemplateException e) {
            throw new CliFailure(e.getMessage());
        }
    }
}

package dev.overtime.platform.cli;

import dev.overtime.platform.template.LoadedTemplate;
import dev.overtime.platform.template.TemplateContext;
import dev.overtime.platform.template.TemplateException;
import dev.overtime.platform.template.TemplateLoader;

import java.nio.file.Path;
import java.util.Map;

/** Loads a template for a command, turning a template error into the CLI's one-line failure. */
final class Templates {
    static final String ACCOUNT_ID = "123456789012";

    private Templates() {
    }

    static LoadedTemplate load(Path template, Map<String, String> parameters, String region) {
        Path absolute = template.toAbsolutePath();
        Path folder = absolute.getParent() == null ? absolute : absolute.getParent();
        String stack = folder.getFileName() == null ? "overtime" : folder.getFileName().toString();
        try {
            return TemplateLoader.load(template, parameters, new TemplateContext(region, ACCOUNT_ID, stack));
        } catch (TemplateException e) {
            throw new CliFailure(e.getMessage());
        }
    }
}

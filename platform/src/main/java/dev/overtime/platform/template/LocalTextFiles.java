package dev.overtime.platform.template;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Reads the text files an AppSync property points at ({@code DefinitionS3Location}, {@code CodeS3Location},
 * {@code RequestMappingTemplateS3Location}, SAM's {@code SchemaUri} and {@code CodeUri}): local paths relative to the
 * template's folder, as {@code sam build} and {@code sam deploy} accept them before uploading.
 */
final class LocalTextFiles {

    private final Path templateFolder;

    LocalTextFiles(Path templateFolder) {
        this.templateFolder = templateFolder;
    }

    /** @param location the resolved property */
    String read(TemplateValue location, String what) {
        String expected = "a local " + what + " file (relative to the template's folder)";
        String written = PropertyValues.text(location, expected);
        if (written.regionMatches(true, 0, "s3://", 0, 5) || written.regionMatches(true, 0, "https://", 0, 8)) {
            throw TemplateProblem.at(location, "expected " + expected + ", found '" + written
                    + "'; Overtime reads local files only");
        }
        Path path;
        try {
            path = templateFolder.resolve(written).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw TemplateProblem.at(location, "expected " + expected + ", found '" + written
                    + "', which is not a valid path: " + e.getReason());
        }
        if (!Files.isRegularFile(path)) {
            throw TemplateProblem.at(location, "expected " + expected + ", found '" + written + "', but " + path
                    + (Files.isDirectory(path) ? " is a folder" : " does not exist"));
        }
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw TemplateProblem.at(location, "expected " + expected + ", found '" + written
                    + "', which cannot be read: " + e.getMessage());
        }
    }
}

package dev.overtime.platform.template;

import dev.overtime.platform.template.TemplateValue.Mapping;
import dev.overtime.platform.template.TemplateValue.Scalar;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/** Turns a resolved {@code CodeUri} or {@code Code} into the absolute path of local code. */
final class CodeLocation {

    static final String EXPECTED = "a local folder, .jar or .zip (relative to the template's folder)";

    private CodeLocation() {
    }

    /**
     * @param code           the resolved {@code CodeUri} or {@code Code}
     * @param templateFolder the folder relative paths start from
     */
    static Path of(TemplateValue code, Path templateFolder) {
        return switch (code) {
            case Scalar scalar when !scalar.isNull() -> localPath(scalar, templateFolder);
            case Mapping map when map.get("ZipFile").isPresent() -> throw TemplateProblem.at(code,
                    "inline code (ZipFile) is not supported yet; expected " + EXPECTED);
            case Mapping map when map.get("ImageUri").isPresent() -> throw TemplateProblem.at(code,
                    "container images are not supported; expected " + EXPECTED);
            case Mapping map when isS3Object(map) -> throw TemplateProblem.at(code,
                    "expected " + EXPECTED + ", found an S3 object; Overtime runs local code only");
            default -> throw TemplateProblem.expected(code, EXPECTED);
        };
    }

    private static boolean isS3Object(Mapping map) {
        return map.entries().keySet().stream().anyMatch(key -> key.equals("Bucket") || key.equals("Key")
                || key.equals("S3Bucket") || key.equals("S3Key"));
    }

    private static Path localPath(Scalar code, Path templateFolder) {
        String written = code.text();
        if (written.regionMatches(true, 0, "s3://", 0, 5)) {
            throw TemplateProblem.at(code, "expected " + EXPECTED + ", found the S3 location '" + written
                    + "'; Overtime runs local code only");
        }
        Path path;
        try {
            path = templateFolder.resolve(written).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw TemplateProblem.at(code, "expected " + EXPECTED + ", found '" + written
                    + "', which is not a valid path: " + e.getReason());
        }
        if (!Path.of(written).isAbsolute() && !path.startsWith(templateFolder.toAbsolutePath().normalize())) {
            throw TemplateProblem.at(code, "expected " + EXPECTED + ", found '" + written
                    + "', which leaves the template's folder; write an absolute path to use code outside it");
        }
        if (!Files.exists(path)) {
            throw TemplateProblem.at(code, "expected " + EXPECTED + ", found '" + written + "', but " + path
                    + " does not exist");
        }
        String fileName = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!Files.isDirectory(path) && !fileName.endsWith(".jar") && !fileName.endsWith(".zip")) {
            throw TemplateProblem.at(code, "expected " + EXPECTED + ", found '" + written
                    + "', which is a file but neither a .jar nor a .zip");
        }
        return path;
    }
}

package dev.overtime.platform.template;

import java.nio.file.Path;

/**
 * What is wrong at one place of a template. Thrown by the readers, which do not know how the
 * caller named the file; {@link TemplateLoader} turns it into a {@link TemplateException}. A problem in a
 * file the template points at (an OpenAPI definition) names that file.
 */
final class TemplateProblem extends RuntimeException {

    private final int line;
    private final String path;
    private final Path file;

    /**
     * @param line 1-based line, or 0 when the problem has no line
     * @param path property path, or {@code null} when the problem concerns no property
     */
    TemplateProblem(int line, String path, String message) {
        this(line, path, message, null);
    }

    private TemplateProblem(int line, String path, String message, Path file) {
        super(message, null, false, false);
        this.line = line;
        this.path = path;
        this.file = file;
    }

    static TemplateProblem at(TemplateValue value, String message) {
        return new TemplateProblem(value.line(), value.path(), message);
    }

    /** A problem of the form "expected X, found Y". */
    static TemplateProblem expected(TemplateValue value, String expected) {
        return at(value, "expected " + expected + ", found " + value.describe());
    }

    /** A problem of the form "required: expected X, found nothing" for a key the map lacks. */
    static TemplateProblem required(TemplateValue.Mapping mapping, String key, String expected) {
        return new TemplateProblem(mapping.line(), mapping.childPath(key), "required: expected " + expected
                + ", found nothing");
    }

    /** The same problem in another file than the template, unless it already names one. */
    TemplateProblem inFile(Path otherFile) {
        return file != null ? this : new TemplateProblem(line, path, getMessage(), otherFile);
    }

    /** The file the line belongs to, or null for the template itself. */
    Path file() {
        return file;
    }

    int line() {
        return line;
    }

    String path() {
        return path;
    }
}

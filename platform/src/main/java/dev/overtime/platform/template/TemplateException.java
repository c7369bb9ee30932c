package dev.overtime.platform.template;

import java.util.Objects;

/**
 * A template Overtime cannot serve. The message has the form
 * {@code <file>:<line>: <property path>: <what is wrong>}; the line or the property path is
 * left out when the problem has none (e.g. {@code template.yaml: no such file}).
 */
public final class TemplateException extends RuntimeException {

    private final String file;
    private final int line;
    private final String propertyPath;
    private final String problem;

    /**
     * @param file         the template file as the user gave it
     * @param line         1-based line, or 0 when unknown
     * @param propertyPath e.g. {@code Resources.HelloFunction.Properties.Timeout}, or {@code null}
     * @param problem      what is expected and what was found
     */
    public TemplateException(String file, int line, String propertyPath, String problem) {
        super(format(file, line, propertyPath, problem));
        this.file = Objects.requireNonNull(file, "file");
        this.line = line;
        this.propertyPath = propertyPath;
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    private static String format(String file, int line, String propertyPath, String problem) {
        StringBuilder message = new StringBuilder(file);
        if (line > 0) {
            message.append(':').append(line);
        }
        if (propertyPath != null && !propertyPath.isEmpty()) {
            message.append(": ").append(propertyPath);
        }
        return message.append(": ").append(problem).toString();
    }

    /** The template file as the user gave it. */
    public String file() {
        return file;
    }

    /** The 1-based line of the problem, or 0 when it has none. */
    public int line() {
        return line;
    }

    /** The property path of the problem, or {@code null} when it has none. */
    public String propertyPath() {
        return propertyPath;
    }

    /** The problem alone, without file, line and path. */
    public String problem() {
        return problem;
    }
}

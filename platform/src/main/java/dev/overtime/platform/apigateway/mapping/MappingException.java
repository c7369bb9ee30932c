package dev.overtime.platform.apigateway.mapping;

/**
 * A template that could not be parsed or rendered. API Gateway answers a broken template or a repeated override
 * with a 5XX and a payload that its JSON parser refuses with 400 ({@code Could not process payload}); {@link #kind()}
 * lets the caller choose.
 */
public final class MappingException extends Exception {

    /** Why rendering stopped. */
    public enum Kind {
        /** The template is not valid VTL. */
        SYNTAX,
        /** The template failed while rendering: an exception in a method it called, a bad JSONPath, ... */
        RENDER,
        /** The template set the same {@code requestOverride} or {@code responseOverride} entry twice. */
        OVERRIDE_REPEATED,
        /** {@code $input.json} or {@code $input.path} was asked to read a payload that is not JSON. */
        INVALID_PAYLOAD
    }

    private final Kind kind;
    private final int line;
    private final int column;

    MappingException(Kind kind, String message, int line, int column, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.line = line;
        this.column = column;
    }

    public Kind kind() {
        return kind;
    }

    /** The template line (from 1) where the error is, or -1 when Velocity does not say. */
    public int line() {
        return line;
    }

    /** The template column (from 1) where the error is, or -1 when Velocity does not say. */
    public int column() {
        return column;
    }
}

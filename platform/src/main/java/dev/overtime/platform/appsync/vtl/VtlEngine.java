package dev.overtime.platform.appsync.vtl;

import dev.overtime.platform.velocity.SandboxedVelocity;
import org.apache.velocity.Template;
import org.apache.velocity.exception.TemplateInitException;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.RuntimeInstance;
import org.apache.velocity.runtime.parser.ParseException;
import org.apache.velocity.runtime.parser.Token;

import java.io.StringReader;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one Velocity engine for AppSync templates, set up as the Velocity 1.7 that AppSync runs: whitespace is gobbled
 * the 1.x way, {@code #if} tests only null and false, a null reference prints its own text (hence
 * {@code $util.qr} and {@code $!ref}), {@code #return} ends a template. Templates cannot reach the disk or the
 * class path, and introspection refuses reflection, threads, processes and I/O.
 */
final class VtlEngine {
    private static final RuntimeInstance VELOCITY = create();
    private static final AtomicLong NAMES = new AtomicLong();

    private VtlEngine() {
    }

    /**
     * Parses a template once; the result can be merged from many threads.
     *
     * @throws IllegalArgumentException the text is not VTL; the message names {@code where} and the line
     */
    static Template parse(String text, String where) {
        Template template = new Template();
        template.setRuntimeServices(VELOCITY);
        template.setName(where + "#" + NAMES.incrementAndGet());
        try {
            template.setData(VELOCITY.parse(new StringReader(text), template));
            template.initDocument();
            return template;
        } catch (ParseException e) {
            Token at = e.currentToken == null ? null : e.currentToken.next;
            String line = at == null ? "" : " at line " + at.beginLine + ", column " + at.beginColumn;
            throw new IllegalArgumentException(where + ": invalid mapping template" + line + ": "
                    + firstLine(e.getMessage(), template.getName()), e);
        } catch (TemplateInitException e) {
            throw new IllegalArgumentException(where + ": invalid mapping template at line " + e.getLineNumber()
                    + ", column " + e.getColumnNumber() + ": " + e.getMessage(), e);
        }
    }

    /** The parser's first line, without the internal template name and position it repeats. */
    private static String firstLine(String message, String templateName) {
        if (message == null) {
            return "syntax error";
        }
        int end = message.indexOf('\n');
        String line = end < 0 ? message : message.substring(0, end);
        int repeated = line.indexOf(" at " + templateName + "[");
        if (repeated >= 0) {
            line = line.substring(0, repeated);
        }
        // Velocity's parser marks the end of its input with U+001C and prints it escaped.
        return line.replace("\"\\u001c\"", "the end of the template");
    }

    private static RuntimeInstance create() {
        return SandboxedVelocity.create(java.util.Map.of(
                RuntimeConstants.CUSTOM_DIRECTIVES, ReturnDirective.class.getName()));
    }
}

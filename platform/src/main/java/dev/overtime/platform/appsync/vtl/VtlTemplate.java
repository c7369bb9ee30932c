package dev.overtime.platform.appsync.vtl;

import dev.overtime.platform.appsync.resolvers.ResolverContext;
import dev.overtime.platform.appsync.resolvers.ResolverError;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.exception.MethodInvocationException;
import org.apache.velocity.exception.VelocityException;

import java.io.StringWriter;
import java.util.Map;

/** One parsed mapping template. {@link #render} may run on many threads at once. */
final class VtlTemplate {
    /** Errors in the template itself (not raised by it) have this errorType, as on AppSync. */
    static final String MAPPING_TEMPLATE = "MappingTemplate";

    private final Template template;
    private final String where;
    private final VtlTime time;

    private VtlTemplate(Template template, String where, VtlTime time) {
        this.template = template;
        this.where = where;
        this.time = time;
    }

    /** @throws IllegalArgumentException the text is not VTL */
    static VtlTemplate parse(String text, String where, VtlTime time) {
        return new VtlTemplate(VtlEngine.parse(text, where), where, time);
    }

    String where() {
        return where;
    }

    /** How a run ended. */
    sealed interface Outcome {
        /** The template ran to its end and printed this. */
        record Printed(String text) implements Outcome {
        }

        /** {@code #return} or {@code #return($value)}. */
        record Returned(Object value) implements Outcome {
        }
    }

    /**
     * @throws ResolverError raised by {@code $util.error}, {@code $util.unauthorized}, {@code $util.validate}, or
     *                       ({@link #MAPPING_TEMPLATE}) a failure while rendering, naming the line
     */
    Outcome render(ResolverContext ctx) throws ResolverError {
        VelocityContext variables = new VelocityContext();
        Map<String, Object> context = VtlContextMap.of(ctx);
        variables.put("ctx", context);
        variables.put("context", context);
        VtlUtil util = new VtlUtil(ctx, time);
        variables.put("util", util);
        variables.put("utils", util);
        variables.put("extensions", new VtlExtensions(ctx));
        StringWriter out = new StringWriter(256);
        try {
            template.merge(variables, out);
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof TemplateStop.Raised raised) {
                    throw raised.error;
                }
                if (cause instanceof TemplateStop.Returned returned) {
                    return new Outcome.Returned(returned.value);
                }
            }
            throw failure(e);
        }
        return new Outcome.Printed(out.toString());
    }

    private ResolverError failure(RuntimeException e) {
        String at = "";
        if (e instanceof MethodInvocationException m) {
            at = " at line " + m.getLineNumber() + ", column " + m.getColumnNumber();
        }
        Throwable root = e instanceof VelocityException && e.getCause() != null ? e.getCause() : e;
        String reason = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return new ResolverError(where + " failed" + at + ": " + reason, MAPPING_TEMPLATE, null, null);
    }
}

package dev.overtime.platform.apigateway.mapping;

import dev.overtime.platform.velocity.SandboxedVelocity;
import dev.overtime.platform.apigateway.mapping.MappingException.Kind;
import dev.overtime.platform.apigateway.mapping.TemplateErrors.InvalidPayload;
import dev.overtime.platform.apigateway.mapping.TemplateErrors.OverrideRepeated;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.event.EventCartridge;
import org.apache.velocity.app.event.MethodExceptionEventHandler;
import org.apache.velocity.app.event.ReferenceInsertionEventHandler;
import org.apache.velocity.exception.MethodInvocationException;
import org.apache.velocity.exception.ParseErrorException;
import org.apache.velocity.exception.ResourceNotFoundException;
import org.apache.velocity.exception.TemplateInitException;
import org.apache.velocity.exception.VelocityException;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.RuntimeInstance;
import org.apache.velocity.runtime.parser.ParseException;
import org.apache.velocity.runtime.parser.Token;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Renders API Gateway mapping templates (VTL) with {@code $input}, {@code $util}, {@code $context} and
 * {@code $stageVariables}.
 *
 * <pre>{@code
 * MappingTemplates templates = new MappingTemplates();          // one for the whole server
 * MappingResult r = templates.render(text, new MappingContext(body, path, query, headers, stageVars, ctx));
 * r.output();                      // the integration request (or method response) body
 * r.headerOverrides();             // e.g. {X-Amz-Invocation-Type=Event}
 * }</pre>
 *
 * <p>Thread-safe. Each distinct template text is parsed once and kept (up to {@value #CACHE_LIMIT} texts; then the
 * cache starts again); a text that does not parse is remembered with its error.
 *
 * <p>The engine is Velocity 2 set up as the Velocity 1.7 that API Gateway runs: {@code -} is allowed in
 * identifiers (so {@code $context.requestOverride.header.X-Amz-Invocation-Type} parses), whitespace is gobbled the
 * 1.x way, and {@code #if} tests only null and false. A reference that evaluates to null renders as nothing, as on
 * AWS (plain Velocity prints the reference's text). Templates cannot reach the disk or the class path ({@code #parse}
 * and {@code #include} find nothing), inline macros stay local to their template, and introspection refuses
 * {@code java.lang.Class}, class loaders, reflection, threads, processes and I/O.
 */
public final class MappingTemplates {
    static final int CACHE_LIMIT = 1024;

    private static final ReferenceInsertionEventHandler NULL_AS_EMPTY =
            (context, reference, value) -> value == null ? "" : value;

    /**
     * Velocity lets a method's exception out only when no event cartridge is attached; with one (ours, for
     * {@link #NULL_AS_EMPTY}) it asks the cartridge, whose default is to swallow it and render nothing.
     */
    private static final MethodExceptionEventHandler RETHROW = (context, type, method, e, info) -> {
        if (e instanceof RuntimeException runtime) {
            throw runtime;
        }
        throw new IllegalStateException(e.getMessage(), e);
    };

    private final RuntimeInstance velocity;
    private final ConcurrentHashMap<String, Compiled> cache = new ConcurrentHashMap<>();
    private final AtomicLong names = new AtomicLong();

    public MappingTemplates() {
        velocity = SandboxedVelocity.create(java.util.Map.of(RuntimeConstants.PARSER_HYPHEN_ALLOWED, true));
    }

    /**
     * Renders {@code template} against one request.
     *
     * @throws MappingException the template does not parse, fails while rendering, sets an override twice, or
     *                          reads a payload that is not JSON as JSON; {@link MappingException#kind()} says which
     */
    public MappingResult render(String template, MappingContext context) throws MappingException {
        Template compiled = compile(template);
        TemplateInput input = new TemplateInput(context);
        ContextVariable contextVariable = new ContextVariable(context.context());
        VelocityContext variables = new VelocityContext();
        variables.put("input", input);
        variables.put("util", TemplateUtil.INSTANCE);
        variables.put("context", contextVariable);
        variables.put("stageVariables", context.stageVariables());
        EventCartridge events = new EventCartridge();
        events.addReferenceInsertionEventHandler(NULL_AS_EMPTY);
        events.addMethodExceptionHandler(RETHROW);
        events.attachToContext(variables);

        StringWriter out = new StringWriter(Math.max(64, template.length() + context.body().length()));
        try {
            compiled.merge(variables, out);
        } catch (RuntimeException e) {
            throw renderError(e);
        }
        Overrides.Request request = contextVariable.requestOverride;
        Overrides.Response response = contextVariable.responseOverride;
        return new MappingResult(out.toString(), request.header.toMap(), request.querystring.toMap(),
                request.path.toMap(), response.status, response.header.toMap());
    }

    /** The number of template texts parsed and kept. */
    int cachedTemplates() {
        return cache.size();
    }

    private Template compile(String text) throws MappingException {
        Compiled compiled = cache.get(text);
        if (compiled == null) {
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();
            }
            compiled = cache.computeIfAbsent(text, this::parse);
        }
        if (compiled.error != null) {
            MappingException e = compiled.error;
            throw new MappingException(e.kind(), e.getMessage(), e.line(), e.column(), e.getCause());
        }
        return compiled.template;
    }

    private Compiled parse(String text) {
        Template template = new Template();
        template.setRuntimeServices(velocity);
        template.setName("mapping-template-" + names.incrementAndGet());
        try {
            template.setData(velocity.parse(new StringReader(text), template));
            template.initDocument();
            return new Compiled(template, null);
        } catch (ParseException e) {
            Token at = e.currentToken == null ? null : e.currentToken.next;
            int line = at == null ? -1 : at.beginLine;
            int column = at == null ? -1 : at.beginColumn;
            return new Compiled(null, new MappingException(Kind.SYNTAX, "Invalid mapping template: "
                    + firstLine(e.getMessage()), line, column, e));
        } catch (TemplateInitException e) {
            return new Compiled(null, new MappingException(Kind.SYNTAX, "Invalid mapping template: "
                    + e.getMessage(), e.getLineNumber(), e.getColumnNumber(), e));
        } catch (RuntimeException e) {
            return new Compiled(null, new MappingException(Kind.SYNTAX, "Invalid mapping template: "
                    + e.getMessage(), -1, -1, e));
        }
    }

    private static MappingException renderError(RuntimeException e) {
        int line = -1;
        int column = -1;
        if (e instanceof MethodInvocationException m) {
            line = m.getLineNumber();
            column = m.getColumnNumber();
        } else if (e instanceof ParseErrorException p) {
            line = p.getLineNumber();
            column = p.getColumnNumber();
        } else if (e instanceof TemplateInitException t) {
            line = t.getLineNumber();
            column = t.getColumnNumber();
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof OverrideRepeated) {
                return new MappingException(Kind.OVERRIDE_REPEATED, cause.getMessage(), line, column, e);
            }
            if (cause instanceof InvalidPayload) {
                return new MappingException(Kind.INVALID_PAYLOAD, cause.getMessage(), line, column, e);
            }
        }
        Throwable root = e instanceof VelocityException && e.getCause() != null ? e.getCause() : e;
        String message = root == e ? e.getMessage() : root.getClass().getSimpleName() + ": " + root.getMessage();
        if (e instanceof ResourceNotFoundException) {
            message = "Mapping templates cannot read resources: " + e.getMessage();
        }
        return new MappingException(Kind.RENDER, "Mapping template failed: " + message, line, column, e);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "syntax error";
        }
        int end = message.indexOf('\n');
        // Velocity's parser marks the end of its input with U+001C, and prints it escaped.
        return (end < 0 ? message : message.substring(0, end)).replace("\"\\u001c\"", "the end of the template");
    }

    private record Compiled(Template template, MappingException error) {
    }
}

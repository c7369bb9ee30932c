package dev.overtime.platform.appsync.js;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import org.mozilla.javascript.Context;
import org.mozilla.javascript.EvaluatorException;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.JavaScriptException;
import org.mozilla.javascript.RhinoException;
import org.mozilla.javascript.Script;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;

import dev.overtime.platform.appsync.resolvers.RequestStep;
import dev.overtime.platform.appsync.resolvers.ResolverCodeRunner;
import dev.overtime.platform.appsync.resolvers.ResolverContext;
import dev.overtime.platform.appsync.resolvers.ResolverError;

/**
 * An {@code APPSYNC_JS} resolver or pipeline function, run in-process on Mozilla Rhino.
 *
 * <pre>{@code
 * ResolverCodeRunner code = JsResolverCode.compile(source, "resolver Mutation.ask");
 * RequestStep step = code.request(ctx);   // ToDataSource({operation: 'Invoke', ...}) or EarlyReturn
 * ctx.result = dataSourceResult;
 * Object value = code.response(ctx);
 * }</pre>
 *
 * <p>The module is compiled once; each call runs it in a fresh scope over one sealed, shared standard library,
 * so calls from many threads never share mutable script state. Scripts see no Java classes, no files and no
 * network, and one that runs past its time limit fails with a {@link ResolverError} of type {@code Code}.
 * {@code ctx} is a copy of the {@link ResolverContext}; only {@code ctx.stash} is copied back, so a pipeline's
 * next step sees what this one stashed.
 */
public final class JsResolverCode implements ResolverCodeRunner {

    /** How long one handler may run; AppSync code is short, so anything longer is a runaway loop. */
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(1);

    private static final ScriptableObject SHARED_SCOPE = JsSandbox.INSTANCE.call(cx -> {
        ScriptableObject shared = cx.initSafeStandardObjects(null, true);
        AppSyncUtilsModule.install(cx, shared);
        shared.sealObject();
        return shared;
    });

    private final Script script;
    private final String where;
    private final long timeLimitNanos;

    private JsResolverCode(Script script, String where, Duration timeLimit) {
        this.script = script;
        this.where = where;
        this.timeLimitNanos = timeLimit.toNanos();
    }

    /** {@link #compile(String, String, Duration)} with {@link #DEFAULT_TIME_LIMIT}. */
    public static JsResolverCode compile(String source, String where) {
        return compile(source, where, DEFAULT_TIME_LIMIT);
    }

    /**
     * Compiles an {@code APPSYNC_JS} module that exports {@code request(ctx)} and {@code response(ctx)}.
     *
     * @param where     names the code in messages, e.g. {@code "resolver Mutation.ask"}
     * @param timeLimit how long one handler may run
     * @throws IllegalArgumentException naming {@code where}, the line and the problem, for a syntax error, an
     *                                  import other than {@code @aws-appsync/utils} or a missing handler
     */
    public static JsResolverCode compile(String source, String where, Duration timeLimit) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(where, "where");
        String scriptText = JsModuleSource.toScript(source, where);
        Script script;
        try {
            script = JsSandbox.INSTANCE.call(cx -> cx.compileString(scriptText, where, 1, null));
        } catch (EvaluatorException e) {
            throw new IllegalArgumentException(where + ", line " + e.lineNumber() + ": " + e.details(), e);
        }
        JsResolverCode code = new JsResolverCode(script, where, timeLimit);
        code.checkExports();
        return code;
    }

    @Override
    public RequestStep request(ResolverContext ctx) throws ResolverError {
        try {
            return new RequestStep.ToDataSource(run("request", ctx));
        } catch (HandlerStop.EarlyReturn early) {
            return new RequestStep.EarlyReturn(early.value);
        }
    }

    @Override
    public Object response(ResolverContext ctx) throws ResolverError {
        try {
            return run("response", ctx);
        } catch (HandlerStop.EarlyReturn early) {
            return early.value;
        }
    }

    private Object run(String handler, ResolverContext ctx) throws ResolverError {
        long deadline = System.nanoTime() + timeLimitNanos;
        try {
            return JsSandbox.INSTANCE.run(deadline, ctx, cx -> {
                Scriptable scope = freshScope(cx);
                Function function = (Function) exports(cx, scope).get(handler, scope);
                JsContextObject jsCtx = JsContextObject.of(cx, scope, ctx);
                try {
                    return JsValues.toJava(function.call(cx, scope, scope, new Object[] {jsCtx.object()}));
                } finally {
                    jsCtx.copyStashBack(ctx);
                }
            });
        } catch (HandlerStop.Failed failed) {
            throw failed.error;
        } catch (JsSandbox.ScriptTimedOut e) {
            throw codeError("ran longer than its limit of " + timeLimitNanos / 1_000_000 + " ms", null);
        } catch (JavaScriptException e) {
            throw codeError(thrownMessage(e.getValue()), e);
        } catch (RhinoException e) {
            throw codeError(e.details(), e);
        } catch (IllegalArgumentException e) {
            throw codeError(e.getMessage(), null);
        } catch (StackOverflowError e) {
            throw codeError("too much recursion", null);
        }
    }

    private Scriptable freshScope(Context cx) {
        Scriptable scope = cx.newObject(SHARED_SCOPE);
        scope.setPrototype(SHARED_SCOPE);
        scope.setParentScope(null);
        script.exec(cx, scope, scope);
        return scope;
    }

    private static Scriptable exports(Context cx, Scriptable scope) {
        return (Scriptable) scope.get(JsModuleSource.EXPORTS_GLOBAL, scope);
    }

    /** Runs the module's top level once, so that a missing handler or a top-level failure shows at start. */
    private void checkExports() {
        try {
            JsSandbox.INSTANCE.run(System.nanoTime() + timeLimitNanos, null, cx -> {
                Scriptable scope = freshScope(cx);
                Scriptable exports = exports(cx, scope);
                for (String handler : new String[] {"request", "response"}) {
                    if (!(exports.get(handler, exports) instanceof Function)) {
                        throw new IllegalArgumentException(where + ": the code must export a function named "
                                + handler + " (export function " + handler + "(ctx) {...})");
                    }
                }
                return null;
            });
        } catch (RhinoException e) {
            throw new IllegalArgumentException(where + ", line " + e.lineNumber() + ": " + e.details(), e);
        } catch (JsSandbox.ScriptTimedOut | HandlerStop e) {
            throw new IllegalArgumentException(where + ": the module's top level must only declare, not run", e);
        }
    }

    private ResolverError codeError(String message, RhinoException e) {
        String at = e != null && e.lineNumber() > 0 ? where + ", line " + e.lineNumber() : where;
        return new ResolverError(message + " (" + at + ")", "Code", null, null);
    }

    private static String thrownMessage(Object thrown) {
        if (thrown instanceof Scriptable error && ScriptableObject.getProperty(error, "message") instanceof Object m
                && !(m instanceof org.mozilla.javascript.UniqueTag)) {
            Object name = ScriptableObject.getProperty(error, "name");
            String text = Context.toString(m);
            return name instanceof CharSequence n && !"Error".contentEquals(n) ? n + ": " + text : text;
        }
        Object value = JsValues.toJava(thrown);
        return value instanceof Map<?, ?> ? String.valueOf(value) : Context.toString(thrown);
    }

    @Override
    public String toString() {
        return "JsResolverCode[" + where + "]";
    }
}

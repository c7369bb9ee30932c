package dev.overtime.platform.appsync.js;

import org.mozilla.javascript.Context;
import org.mozilla.javascript.ContextAction;
import org.mozilla.javascript.ContextFactory;

import dev.overtime.platform.appsync.resolvers.ResolverContext;

/**
 * The one place Rhino is configured: interpreted mode (so instructions can be counted), the newest language
 * level, no Java classes visible to scripts, a bounded interpreter stack, and a deadline checked every few
 * thousand instructions. Every entry into the engine goes through {@link #run}.
 */
final class JsSandbox extends ContextFactory {

    static final JsSandbox INSTANCE = new JsSandbox();

    private static final int INSTRUCTIONS_BETWEEN_CHECKS = 10_000;
    private static final int MAX_STACK_DEPTH = 400;

    private JsSandbox() {
    }

    /** Runs {@code action} in a fresh engine context whose scripts stop once {@code deadlineNanos} has passed. */
    <T> T run(long deadlineNanos, ResolverContext call, ContextAction<T> action) {
        return call(cx -> {
            JsCallContext callContext = (JsCallContext) cx;
            callContext.deadlineNanos = deadlineNanos;
            callContext.call = call;
            return action.run(cx);
        });
    }

    @Override
    protected Context makeContext() {
        JsCallContext cx = new JsCallContext(this);
        cx.setLanguageVersion(Context.VERSION_ECMASCRIPT);
        cx.setInterpretedMode(true);
        cx.setInstructionObserverThreshold(INSTRUCTIONS_BETWEEN_CHECKS);
        cx.setMaximumInterpreterStackDepth(MAX_STACK_DEPTH);
        cx.setClassShutter(className -> false);
        return cx;
    }

    @Override
    protected void observeInstructionCount(Context cx, int instructionCount) {
        if (System.nanoTime() - ((JsCallContext) cx).deadlineNanos > 0) {
            throw new ScriptTimedOut();
        }
    }

    /** An engine context that knows its deadline and the resolver call it serves. */
    static final class JsCallContext extends Context {
        long deadlineNanos;
        /** The context the built-in module reports into; null while a module is only being checked. */
        ResolverContext call;

        JsCallContext(ContextFactory factory) {
            super(factory);
        }
    }

    /** An Error, not an exception, so that no script {@code catch} or {@code finally} can swallow it. */
    static final class ScriptTimedOut extends Error {
        ScriptTimedOut() {
            super("time limit exceeded", null, false, false);
        }
    }
}

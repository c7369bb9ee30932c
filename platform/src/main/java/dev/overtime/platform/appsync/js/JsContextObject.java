package dev.overtime.platform.appsync.js;

import java.util.Map;

import org.mozilla.javascript.Context;
import org.mozilla.javascript.Scriptable;

import dev.overtime.platform.appsync.resolvers.ResolverContext;

/** The {@code ctx} a handler receives, built as a JavaScript copy of a {@link ResolverContext}. */
record JsContextObject(Scriptable object, Scriptable stash) {

    static JsContextObject of(Context cx, Scriptable scope, ResolverContext ctx) {
        Scriptable object = cx.newObject(scope);
        Object arguments = JsValues.toJs(cx, scope, ctx.arguments);
        Scriptable stash = (Scriptable) JsValues.toJs(cx, scope, ctx.stash);
        Scriptable prev = cx.newObject(scope);
        prev.put("result", prev, JsValues.toJs(cx, scope, ctx.prevResult));
        object.put("arguments", object, arguments);
        object.put("args", object, arguments);
        object.put("identity", object, JsValues.toJs(cx, scope, ctx.identity));
        object.put("source", object, JsValues.toJs(cx, scope, ctx.source));
        object.put("stash", object, stash);
        object.put("prev", object, prev);
        object.put("result", object, JsValues.toJs(cx, scope, ctx.result));
        object.put("error", object, JsValues.toJs(cx, scope, ctx.error));
        object.put("request", object, JsValues.toJs(cx, scope, ctx.request));
        object.put("info", object, JsValues.toJs(cx, scope, ctx.info));
        return new JsContextObject(object, stash);
    }

    /** Makes what the handler stashed visible to the pipeline's next step. */
    @SuppressWarnings("unchecked")
    void copyStashBack(ResolverContext ctx) {
        Map<String, Object> stashed = (Map<String, Object>) JsValues.toJava(stash);
        if (!stashed.equals(ctx.stash)) {
            ctx.stash.clear();
            ctx.stash.putAll(stashed);
        }
    }
}

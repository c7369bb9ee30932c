package dev.overtime.platform.appsync.js;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.mozilla.javascript.Context;
import org.mozilla.javascript.LambdaFunction;
import org.mozilla.javascript.NativeArray;
import org.mozilla.javascript.ScriptRuntime;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.mozilla.javascript.Undefined;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.overtime.platform.appsync.resolvers.ResolverContext;
import dev.overtime.platform.appsync.resolvers.ResolverError;

/**
 * {@code @aws-appsync/utils} for Rhino: {@code util}, {@code runtime} and {@code extensions}, plus the global
 * {@code console}. Built once into the shared, sealed scope; each function finds the call it serves through
 * {@link JsSandbox.JsCallContext}, so one module serves every thread.
 */
final class AppSyncUtilsModule {

    private static final Logger LOG = LoggerFactory.getLogger("dev.overtime.appsync.js.console");

    /** A function body; an {@link IllegalArgumentException} becomes a script TypeError naming the function. */
    @FunctionalInterface
    private interface Body {
        Object apply(Context cx, Scriptable scope, Object[] args);
    }

    private AppSyncUtilsModule() {
    }

    /** Defines the module (under {@link JsModuleSource#MODULES_GLOBAL}) and {@code console} in {@code shared}. */
    static void install(Context cx, ScriptableObject shared) {
        Scriptable module = cx.newObject(shared);
        module.put("util", module, util(cx, shared));
        module.put("runtime", module, runtime(cx, shared));
        module.put("extensions", module, extensions(cx, shared));
        Scriptable modules = cx.newObject(shared);
        modules.put(JsModuleSource.UTILS_MODULE, modules, module);
        shared.defineProperty(JsModuleSource.MODULES_GLOBAL, modules, ScriptableObject.DONTENUM
                | ScriptableObject.READONLY | ScriptableObject.PERMANENT);
        shared.defineProperty(ObjectRestRewrite.REST_FUNCTION, restFunction(shared), ScriptableObject.DONTENUM
                | ScriptableObject.READONLY | ScriptableObject.PERMANENT);
        Scriptable console = console(cx, shared);
        shared.defineProperty("console", console, ScriptableObject.DONTENUM);
        deepSeal(modules);
        deepSeal(console);
    }

    // ---- util ------------------------------------------------------------------------------------------------

    private static Scriptable util(Context cx, Scriptable scope) {
        Scriptable util = cx.newObject(scope);
        fn(util, scope, "error", 4, (c, s, a) -> {
            throw new HandlerStop.Failed(errorFrom(a));
        });
        fn(util, scope, "appendError", 4, (c, s, a) -> {
            ResolverError e = errorFrom(a);
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("message", e.getMessage());
            error.put("errorType", e.errorType());
            error.put("data", e.data());
            error.put("errorInfo", e.errorInfo());
            context(c).appendedErrors.add(error);
            return Undefined.instance;
        });
        fn(util, scope, "unauthorized", 0, (c, s, a) -> {
            Map<String, Object> info = context(c).info;
            throw new HandlerStop.Failed(new ResolverError("Not Authorized to access " + info.get("fieldName")
                    + " on type " + info.get("parentTypeName"), "Unauthorized", null, null));
        });
        fn(util, scope, "autoId", 0, (c, s, a) -> GeneratedIds.uuid());
        fn(util, scope, "autoUlid", 0, (c, s, a) -> GeneratedIds.ulid(System.currentTimeMillis()));
        fn(util, scope, "autoKsuid", 0, (c, s, a) -> GeneratedIds.ksuid(System.currentTimeMillis()));
        fn(util, scope, "base64Encode", 1, (c, s, a) -> TextUtil.base64Encode(string(a, 0)));
        fn(util, scope, "base64Decode", 1, (c, s, a) -> TextUtil.base64Decode(string(a, 0)));
        fn(util, scope, "urlEncode", 1, (c, s, a) -> TextUtil.urlEncode(string(a, 0)));
        fn(util, scope, "urlDecode", 1, (c, s, a) -> TextUtil.urlDecode(string(a, 0)));
        fn(util, scope, "escapeJavaScript", 1, (c, s, a) -> TextUtil.escapeJavaScript(string(a, 0)));
        fn(util, scope, "isNull", 1, (c, s, a) -> isNull(arg(a, 0)));
        fn(util, scope, "isNullOrEmpty", 1, (c, s, a) -> isNull(arg(a, 0)) || Context.toString(a[0]).isEmpty());
        fn(util, scope, "isNullOrBlank", 1, (c, s, a) -> isNull(arg(a, 0)) || Context.toString(a[0]).isBlank());
        fn(util, scope, "defaultIfNull", 2, (c, s, a) -> isNull(arg(a, 0)) ? arg(a, 1) : a[0]);
        fn(util, scope, "defaultIfNullOrEmpty", 2,
                (c, s, a) -> isNull(arg(a, 0)) || Context.toString(a[0]).isEmpty() ? arg(a, 1) : a[0]);
        fn(util, scope, "defaultIfNullOrBlank", 2,
                (c, s, a) -> isNull(arg(a, 0)) || Context.toString(a[0]).isBlank() ? arg(a, 1) : a[0]);
        fn(util, scope, "isString", 1, (c, s, a) -> arg(a, 0) instanceof CharSequence);
        fn(util, scope, "isNumber", 1, (c, s, a) -> arg(a, 0) instanceof Number);
        fn(util, scope, "isBoolean", 1, (c, s, a) -> arg(a, 0) instanceof Boolean);
        fn(util, scope, "isList", 1, (c, s, a) -> arg(a, 0) instanceof NativeArray);
        fn(util, scope, "isMap", 1, (c, s, a) -> JsValues.toJava(arg(a, 0)) instanceof Map);
        fn(util, scope, "typeOf", 1, (c, s, a) -> typeOf(JsValues.toJava(arg(a, 0))));
        fn(util, scope, "matches", 2, (c, s, a) -> matches(string(a, 0), string(a, 1)));
        fn(util, scope, "authType", 0, (c, s, a) -> authType(context(c).identity));
        util.put("time", util, time(cx, scope));
        util.put("str", util, str(cx, scope));
        util.put("math", util, math(cx, scope));
        util.put("transform", util, transform(cx, scope));
        return util;
    }

    private static Scriptable time(Context cx, Scriptable scope) {
        Scriptable time = cx.newObject(scope);
        fn(time, scope, "nowISO8601", 0, (c, s, a) -> TimeUtil.iso8601(System.currentTimeMillis()));
        fn(time, scope, "nowEpochSeconds", 0, (c, s, a) -> (double) (System.currentTimeMillis() / 1000));
        fn(time, scope, "nowEpochMilliSeconds", 0, (c, s, a) -> (double) System.currentTimeMillis());
        fn(time, scope, "nowFormatted", 2,
                (c, s, a) -> TimeUtil.formatted(System.currentTimeMillis(), string(a, 0), optionalString(a, 1)));
        fn(time, scope, "parseFormattedToEpochMilliSeconds", 3,
                (c, s, a) -> (double) TimeUtil.parseFormatted(string(a, 0), string(a, 1), optionalString(a, 2)));
        fn(time, scope, "parseISO8601ToEpochMilliSeconds", 1,
                (c, s, a) -> (double) TimeUtil.parseIso8601(string(a, 0)));
        fn(time, scope, "epochMilliSecondsToSeconds", 1, (c, s, a) -> Math.floor(number(a, 0) / 1000));
        fn(time, scope, "epochMilliSecondsToISO8601", 1, (c, s, a) -> TimeUtil.iso8601((long) number(a, 0)));
        fn(time, scope, "epochMilliSecondsToFormatted", 3,
                (c, s, a) -> TimeUtil.formatted((long) number(a, 0), string(a, 1), optionalString(a, 2)));
        return time;
    }

    private static Scriptable str(Context cx, Scriptable scope) {
        Scriptable str = cx.newObject(scope);
        fn(str, scope, "toUpper", 1, (c, s, a) -> TextUtil.upper(string(a, 0)));
        fn(str, scope, "toLower", 1, (c, s, a) -> TextUtil.lower(string(a, 0)));
        fn(str, scope, "toReplace", 3, (c, s, a) -> string(a, 0).replace(string(a, 1), string(a, 2)));
        fn(str, scope, "normalize", 2, (c, s, a) -> TextUtil.normalize(string(a, 0), string(a, 1)));
        return str;
    }

    private static Scriptable math(Context cx, Scriptable scope) {
        Scriptable math = cx.newObject(scope);
        fn(math, scope, "roundNum", 1, (c, s, a) -> (double) Math.round(number(a, 0)));
        fn(math, scope, "minVal", 2, (c, s, a) -> Math.min(number(a, 0), number(a, 1)));
        fn(math, scope, "maxVal", 2, (c, s, a) -> Math.max(number(a, 0), number(a, 1)));
        fn(math, scope, "randomDouble", 0, (c, s, a) -> ThreadLocalRandom.current().nextDouble());
        fn(math, scope, "randomWithinRange", 2, (c, s, a) -> (double) ThreadLocalRandom.current()
                .nextLong((long) number(a, 0), (long) number(a, 1) + 1));
        return math;
    }

    private static Scriptable transform(Context cx, Scriptable scope) {
        Scriptable transform = cx.newObject(scope);
        fn(transform, scope, "toSubscriptionFilter", 3, (c, s, a) -> {
            Object ignored = JsValues.toJava(arg(a, 1));
            Map<String, Object> filter = SubscriptionFilters.toSubscriptionFilter(JsValues.toJava(arg(a, 0)),
                    ignored instanceof Collection<?> list ? list : null, JsValues.toJava(arg(a, 2)));
            return JsValues.toJs(c, s, filter);
        });
        return transform;
    }

    // ---- runtime and extensions --------------------------------------------------------------------------------

    private static Scriptable runtime(Context cx, Scriptable scope) {
        Scriptable runtime = cx.newObject(scope);
        fn(runtime, scope, "earlyReturn", 2, (c, s, a) -> {
            Object options = JsValues.toJava(arg(a, 1));
            Object skipTo = options instanceof Map<?, ?> map ? map.get("skipTo") : null;
            if (skipTo != null && !skipTo.equals("END") && !skipTo.equals("NEXT")) {
                throw new IllegalArgumentException("skipTo must be 'END' or 'NEXT', not '" + skipTo + "'");
            }
            throw new HandlerStop.EarlyReturn(JsValues.toJava(arg(a, 0)), (String) skipTo);
        });
        return runtime;
    }

    private static Scriptable extensions(Context cx, Scriptable scope) {
        Scriptable extensions = cx.newObject(scope);
        fn(extensions, scope, "setSubscriptionFilter", 1, (c, s, a) -> {
            context(c).subscriptionFilter = filterGroups(arg(a, 0));
            return Undefined.instance;
        });
        fn(extensions, scope, "setSubscriptionInvalidationFilter", 1, (c, s, a) -> {
            context(c).invalidationFilter = filterGroups(arg(a, 0));
            return Undefined.instance;
        });
        fn(extensions, scope, "invalidateSubscriptions", 1, (c, s, a) -> {
            if (!(JsValues.toJava(arg(a, 0)) instanceof Map<?, ?> invalidation)
                    || !(invalidation.get("subscriptionField") instanceof String)) {
                throw new IllegalArgumentException("takes {subscriptionField: 'name', payload: {...}}");
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("subscriptionField", invalidation.get("subscriptionField"));
            entry.put("payload", invalidation.get("payload"));
            context(c).invalidations.add(entry);
            return Undefined.instance;
        });
        // Overtime has no resolver cache, so there is nothing to evict.
        fn(extensions, scope, "evictFromApiCache", 3, (c, s, a) -> Undefined.instance);
        return extensions;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> filterGroups(Object filter) {
        if (!(JsValues.toJava(filter) instanceof Map<?, ?> map) || !(map.get("filterGroup") instanceof List)) {
            throw new IllegalArgumentException(
                    "takes {filterGroup: [...]}, as util.transform.toSubscriptionFilter(...) returns");
        }
        return (Map<String, Object>) map;
    }

    /** {@code __overtimeRest(object, keys)}: what {@code const {a, ...rest} = object} puts in {@code rest}. */
    private static LambdaFunction restFunction(Scriptable scope) {
        return new LambdaFunction(scope, ObjectRestRewrite.REST_FUNCTION, 2, (cx, s, thisObj, args) -> {
            Scriptable rest = cx.newObject(scope);
            if (arg(args, 0) instanceof ScriptableObject source) {
                List<Object> excluded = java.util.Arrays.asList(((NativeArray) args[1]).toArray());
                for (Object id : source.getIds()) {
                    if (excluded.contains(id.toString())) {
                        continue;
                    }
                    if (id instanceof Integer index) {
                        rest.put(index, rest, source.get(index, source));
                    } else {
                        rest.put(id.toString(), rest, source.get(id.toString(), source));
                    }
                }
            }
            return rest;
        });
    }

    private static Scriptable console(Context cx, Scriptable scope) {
        Scriptable console = cx.newObject(scope);
        for (String level : List.of("log", "info", "debug", "warn", "error")) {
            fn(console, scope, level, 1, (c, s, a) -> {
                List<String> parts = new ArrayList<>();
                for (Object part : a) {
                    parts.add(part instanceof Scriptable && !(part instanceof LambdaFunction)
                            ? String.valueOf(JsValues.toJava(part)) : Context.toString(part));
                }
                String line = String.join(" ", parts);
                if (level.equals("error") || level.equals("warn")) {
                    LOG.warn("{}", line);
                } else {
                    LOG.info("{}", line);
                }
                return Undefined.instance;
            });
        }
        return console;
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static void fn(Scriptable owner, Scriptable scope, String name, int arity, Body body) {
        owner.put(name, owner, new LambdaFunction(scope, name, arity, (cx, s, thisObj, args) -> {
            try {
                return body.apply(cx, scope, args);
            } catch (IllegalArgumentException e) {
                throw ScriptRuntime.typeError(name + ": " + e.getMessage());
            }
        }));
    }

    private static ResolverContext context(Context cx) {
        ResolverContext context = ((JsSandbox.JsCallContext) cx).call;
        if (context == null) {
            throw new IllegalArgumentException("can only be called inside request or response");
        }
        return context;
    }

    private static ResolverError errorFrom(Object[] args) {
        Object type = JsValues.toJava(arg(args, 1));
        return new ResolverError(isNull(arg(args, 0)) ? "" : Context.toString(args[0]),
                type == null ? null : type.toString(), JsValues.toJava(arg(args, 2)),
                JsValues.toJava(arg(args, 3)));
    }

    private static Object arg(Object[] args, int i) {
        return i < args.length ? args[i] : Undefined.instance;
    }

    private static boolean isNull(Object value) {
        return value == null || value instanceof Undefined;
    }

    private static String string(Object[] args, int i) {
        Object value = arg(args, i);
        if (isNull(value)) {
            throw new IllegalArgumentException("argument " + (i + 1) + " must be a string, not " + value);
        }
        return Context.toString(value);
    }

    private static String optionalString(Object[] args, int i) {
        return isNull(arg(args, i)) ? null : Context.toString(args[i]);
    }

    private static double number(Object[] args, int i) {
        double value = Context.toNumber(arg(args, i));
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException("argument " + (i + 1) + " must be a number");
        }
        return value;
    }

    private static boolean matches(String pattern, String text) {
        try {
            return Pattern.compile(pattern).matcher(text).matches();
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid pattern: " + e.getDescription());
        }
    }

    private static String typeOf(Object value) {
        return switch (value) {
            case null -> "Null";
            case Number n -> "Number";
            case String s -> "String";
            case Boolean b -> "Boolean";
            case List<?> l -> "List";
            case Map<?, ?> m -> "Map";
            default -> "Object";
        };
    }

    private static String authType(Map<String, Object> identity) {
        if (identity == null || identity.isEmpty()) {
            return "API Key Authorization";
        }
        if (identity.containsKey("resolverContext")) {
            return "Lambda Authorization";
        }
        if (identity.containsKey("userArn") || identity.containsKey("accountId")) {
            return "IAM Authorization";
        }
        return identity.containsKey("issuer") ? "Open ID Connect Authorization" : "User Pool Authorization";
    }

    private static void deepSeal(Scriptable object) {
        if (object instanceof ScriptableObject sealable && !sealable.isSealed()) {
            sealable.sealObject();
            for (Object id : sealable.getIds()) {
                if (id instanceof String name) {
                    deepSeal(sealable.get(name, sealable) instanceof Scriptable child ? child : null);
                }
            }
        }
    }
}

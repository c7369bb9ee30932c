package dev.overtime.platform.appsync.vtl;

import dev.overtime.platform.velocity.JavaScriptEscape;
import dev.overtime.platform.appsync.resolvers.ResolverContext;
import dev.overtime.platform.appsync.resolvers.ResolverError;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code $util} for one template run. Parameters are {@code Object} so that Velocity always finds the method
 * (a method it cannot match would print its own text); methods AppSync declares as void return {@code ""} so that
 * they print nothing. Strings are UTF-8.
 */
public final class VtlUtil {
    private final ResolverContext ctx;
    private final VtlTime time;

    VtlUtil(ResolverContext ctx, VtlTime time) {
        this.ctx = ctx;
        this.time = time;
    }

    // ---- nested helpers ------------------------------------------------------------------------------------

    public VtlTime getTime() {
        return time;
    }

    public VtlStr getStr() {
        return VtlStr.INSTANCE;
    }

    public VtlLists getList() {
        return VtlLists.INSTANCE;
    }

    public VtlMaps getMap() {
        return VtlMaps.INSTANCE;
    }

    public VtlMath getMath() {
        return VtlMath.INSTANCE;
    }

    public VtlTransform getTransform() {
        return VtlTransform.INSTANCE;
    }

    public VtlDynamoDb getDynamodb() {
        return VtlDynamoDb.INSTANCE;
    }

    public VtlLog getLog() {
        return VtlLog.INSTANCE;
    }

    // ---- JSON and encodings --------------------------------------------------------------------------------

    public String toJson(Object value) {
        return VtlJson.write(value);
    }

    public Object parseJson(Object json) {
        return json == null ? null : VtlJson.read(json.toString());
    }

    public String autoId() {
        return UUID.randomUUID().toString();
    }

    public String autoUlid() {
        return Ids.ulid(time.nowEpochMilliSeconds());
    }

    public String autoKsuid() {
        return Ids.ksuid(time.nowEpochSeconds());
    }

    public String escapeJavaScript(Object value) {
        return value == null ? null : JavaScriptEscape.escape(value.toString());
    }

    public String urlEncode(Object value) {
        return value == null ? null : URLEncoder.encode(value.toString(), StandardCharsets.UTF_8);
    }

    public String urlDecode(Object value) {
        return value == null ? null : URLDecoder.decode(value.toString(), StandardCharsets.UTF_8);
    }

    public String base64Encode(Object value) {
        return value == null ? null
                : Base64.getEncoder().encodeToString(value.toString().getBytes(StandardCharsets.UTF_8));
    }

    public String base64Decode(Object value) {
        return value == null ? null : new String(Base64.getDecoder().decode(value.toString()), StandardCharsets.UTF_8);
    }

    // ---- null, empty and types -----------------------------------------------------------------------------

    public boolean isNull(Object value) {
        return value == null;
    }

    public boolean isNullOrEmpty(Object value) {
        return value == null || value instanceof String s && s.isEmpty();
    }

    public boolean isNullOrBlank(Object value) {
        return value == null || value instanceof String s && s.isBlank();
    }

    public Object defaultIfNull(Object value, Object fallback) {
        return value == null ? fallback : value;
    }

    public Object defaultIfNullOrEmpty(Object value, Object fallback) {
        return isNullOrEmpty(value) ? fallback : value;
    }

    public Object defaultIfNullOrBlank(Object value, Object fallback) {
        return isNullOrBlank(value) ? fallback : value;
    }

    public boolean isString(Object value) {
        return value instanceof String;
    }

    public boolean isNumber(Object value) {
        return value instanceof Number;
    }

    public boolean isBoolean(Object value) {
        return value instanceof Boolean;
    }

    public boolean isList(Object value) {
        return value instanceof List<?>;
    }

    public boolean isMap(Object value) {
        return value instanceof Map<?, ?>;
    }

    public String typeOf(Object value) {
        return switch (value) {
            case null -> "Null";
            case Number n -> "Number";
            case String s -> "String";
            case Map<?, ?> m -> "Map";
            case List<?> l -> "List";
            case Boolean b -> "Boolean";
            default -> "Object";
        };
    }

    public boolean matches(Object regex, Object value) {
        if (regex == null || value == null) {
            return false;
        }
        return Pattern.compile(regex.toString()).matcher(value.toString()).matches();
    }

    // ---- errors --------------------------------------------------------------------------------------------

    public String error(Object message) {
        return error(message, null, null, null);
    }

    public String error(Object message, Object errorType) {
        return error(message, errorType, null, null);
    }

    public String error(Object message, Object errorType, Object data) {
        return error(message, errorType, data, null);
    }

    /** Stops the template: the field resolves to null (or {@code data}) with this GraphQL error. */
    public String error(Object message, Object errorType, Object data, Object errorInfo) {
        throw new TemplateStop.Raised(new ResolverError(text(message),
                text(errorType), data, errorInfo));
    }

    public String appendError(Object message) {
        return appendError(message, null, null, null);
    }

    public String appendError(Object message, Object errorType) {
        return appendError(message, errorType, null, null);
    }

    public String appendError(Object message, Object errorType, Object data) {
        return appendError(message, errorType, data, null);
    }

    /** Adds a GraphQL error and goes on. */
    public String appendError(Object message, Object errorType, Object data, Object errorInfo) {
        Map<String, Object> error = new LinkedHashMap<>(8);
        error.put("message", text(message));
        error.put("errorType", text(errorType));
        error.put("data", data);
        error.put("errorInfo", errorInfo);
        ctx.appendedErrors.add(error);
        return "";
    }

    public String unauthorized() {
        throw new TemplateStop.Raised(new ResolverError("Not Authorized to access " + ctx.info.get("fieldName")
                + " on type " + ctx.info.get("parentTypeName"), "Unauthorized", null, null));
    }

    public String validate(Object condition, Object message) {
        return validate(condition, message, null, null);
    }

    public String validate(Object condition, Object message, Object errorType) {
        return validate(condition, message, errorType, null);
    }

    /** Raises {@code $util.error(message, errorType, data)} unless {@code condition} is true. */
    public String validate(Object condition, Object message, Object errorType, Object data) {
        if (!Boolean.TRUE.equals(condition)) {
            error(message, errorType, data, null);
        }
        return "";
    }

    // ---- output control ------------------------------------------------------------------------------------

    /** Evaluates its arguments (for their side effects) and prints nothing. */
    public String qr(Object... ignored) {
        return "";
    }

    /** The same as {@link #qr}. */
    public String quiet(Object... ignored) {
        return "";
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}

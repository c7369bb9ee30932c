package dev.overtime.platform.appsync.resolvers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a resolver's code sees as {@code ctx} (JS) or {@code $ctx}/{@code $context} (VTL). Values are plain
 * JSON-like Java objects: {@code Map<String, Object>}, {@code List<Object>}, {@code String}, {@code Number},
 * {@code Boolean} and {@code null}.
 *
 * <p>{@code stash} is shared and mutable across the steps of one field's pipeline; {@code result},
 * {@code error} and {@code prevResult} are set by the runner between steps. What the code reports back
 * ({@code util.appendError}, {@code extensions.setSubscriptionFilter}) lands in the lists and fields below.
 */
public final class ResolverContext {

    /** {@code ctx.arguments} / {@code ctx.args}. */
    public final Map<String, Object> arguments;
    /** {@code ctx.identity}: null for API-key callers. */
    public final Map<String, Object> identity;
    /** {@code ctx.source}: the parent object, null at the root. */
    public final Object source;
    /** {@code ctx.request}: {@code {headers: {...}, domainName}}. */
    public final Map<String, Object> request;
    /** {@code ctx.info}: fieldName, parentTypeName, variables, selectionSetList, selectionSetGraphQL. */
    public final Map<String, Object> info;
    /** {@code ctx.stash}, shared by every step of the field. */
    public final Map<String, Object> stash;

    /** {@code ctx.prev.result}: the previous pipeline step's result. */
    public Object prevResult;
    /** {@code ctx.result}: the data source's result, set before the response handler runs. */
    public Object result;
    /** {@code ctx.error}: {@code {message, type}} when the data source failed, else null. */
    public Map<String, Object> error;

    /** Errors added with {@code util.appendError}, each {@code {message, errorType, data, errorInfo}}. */
    public final List<Map<String, Object>> appendedErrors = new ArrayList<>();
    /** Set by {@code extensions.setSubscriptionFilter}: {@code {filterGroup: [{filters: [...]}]}}. */
    public Map<String, Object> subscriptionFilter;
    /** Set by {@code extensions.setSubscriptionInvalidationFilter}. */
    public Map<String, Object> invalidationFilter;
    /** Added by {@code extensions.invalidateSubscriptions}: {@code {subscriptionField, payload}}. */
    public final List<Map<String, Object>> invalidations = new ArrayList<>();

    public ResolverContext(Map<String, Object> arguments, Map<String, Object> identity, Object source,
                           Map<String, Object> request, Map<String, Object> info, Map<String, Object> stash) {
        this.arguments = arguments == null ? new LinkedHashMap<>() : arguments;
        this.identity = identity;
        this.source = source;
        this.request = request == null ? new LinkedHashMap<>() : request;
        this.info = info == null ? new LinkedHashMap<>() : info;
        this.stash = stash == null ? new LinkedHashMap<>() : stash;
    }
}

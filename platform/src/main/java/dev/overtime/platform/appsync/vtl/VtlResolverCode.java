package dev.overtime.platform.appsync.vtl;

import dev.overtime.platform.appsync.resolvers.RequestStep;
import dev.overtime.platform.appsync.resolvers.ResolverCodeRunner;
import dev.overtime.platform.appsync.resolvers.ResolverContext;
import dev.overtime.platform.appsync.resolvers.ResolverError;

import java.time.Clock;

/**
 * A resolver or pipeline function written as VTL mapping templates, run as AppSync runs them.
 *
 * <pre>{@code
 * VtlResolverCode code = VtlResolverCode.compile(
 *         "{\"version\":\"2018-05-29\",\"operation\":\"Invoke\",\"invocationType\":\"Event\","
 *                 + "\"payload\":$util.toJson($ctx.args)}",
 *         null, "Mutation.ask");
 * RequestStep step = code.request(ctx);     // ToDataSource({version, operation, invocationType, payload})
 * ctx.result = dataSourceResult;
 * Object value = code.response(ctx);        // the field's value
 * }</pre>
 *
 * <p>Both templates are parsed once, at {@link #compile}; runs share nothing but the {@link ResolverContext} they
 * are given, so one instance serves many threads. The request template must print JSON, which becomes the data
 * source's request; the response template prints JSON too, which becomes the value. Printing nothing is an error, as
 * on AppSync (templates print {@code null} for a null value).
 * {@code #return} ends either template early.
 */
public final class VtlResolverCode implements ResolverCodeRunner {
    private final VtlTemplate request;
    /** Null: the result passes through, AppSync's default for Lambda. */
    private final VtlTemplate response;

    private VtlResolverCode(VtlTemplate request, VtlTemplate response) {
        this.request = request;
        this.response = response;
    }

    /**
     * @param requestTemplate  the request mapping template; required (a direct resolver has no templates, and the
     *                         engine runs it without this class)
     * @param responseTemplate the response mapping template, or null to pass {@code $ctx.result} through
     * @param where            names the resolver in error messages, e.g. {@code Mutation.ask}
     * @throws IllegalArgumentException a template is missing or does not parse; the message names {@code where}
     *                                  and the line
     */
    public static VtlResolverCode compile(String requestTemplate, String responseTemplate, String where) {
        return compile(requestTemplate, responseTemplate, where, Clock.systemUTC());
    }

    static VtlResolverCode compile(String requestTemplate, String responseTemplate, String where, Clock clock) {
        if (requestTemplate == null) {
            throw new IllegalArgumentException(where + ": a VTL resolver needs a request mapping template");
        }
        VtlTime time = new VtlTime(clock);
        VtlTemplate request = VtlTemplate.parse(requestTemplate, where + " request mapping template", time);
        VtlTemplate response = responseTemplate == null ? null
                : VtlTemplate.parse(responseTemplate, where + " response mapping template", time);
        return new VtlResolverCode(request, response);
    }

    @Override
    public RequestStep request(ResolverContext ctx) throws ResolverError {
        return switch (request.render(ctx)) {
            case VtlTemplate.Outcome.Returned returned -> new RequestStep.EarlyReturn(returned.value());
            case VtlTemplate.Outcome.Printed printed -> new RequestStep.ToDataSource(json(printed.text(), request));
        };
    }

    @Override
    public Object response(ResolverContext ctx) throws ResolverError {
        if (response == null) {
            return ctx.result;
        }
        return switch (response.render(ctx)) {
            case VtlTemplate.Outcome.Returned returned -> returned.value();
            case VtlTemplate.Outcome.Printed printed -> json(printed.text(), response);
        };
    }

    /** AppSync refuses an empty print, which is why subscription response templates print {@code null}. */
    private static Object json(String text, VtlTemplate template) throws ResolverError {
        if (text.isBlank()) {
            throw new ResolverError("Template transformation yielded an empty response. (" + template.where() + ")",
                    VtlTemplate.MAPPING_TEMPLATE, null, null);
        }
        try {
            return VtlJson.read(text);
        } catch (IllegalArgumentException e) {
            throw new ResolverError(e.getMessage() + " in what the " + template.where() + " printed: "
                    + abbreviate(text.strip()), VtlTemplate.MAPPING_TEMPLATE, null, null);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}

package dev.overtime.platform.appsync;

import dev.overtime.platform.appsync.js.JsResolverCode;
import dev.overtime.platform.appsync.resolvers.ResolverCodeRunner;
import dev.overtime.platform.appsync.vtl.VtlResolverCode;

/** Compiles a resolver's code in its language: VTL mapping templates or {@code APPSYNC_JS}. */
public final class ResolverLanguages {

    private ResolverLanguages() {
    }

    /** @return null for a direct Lambda resolver, which has no code */
    public static ResolverCodeRunner compile(ResolverCode code, String where) {
        return switch (code) {
            case ResolverCode.Direct d -> null;
            case ResolverCode.Js js -> JsResolverCode.compile(js.source(), where);
            case ResolverCode.Vtl vtl when vtl.requestTemplate() == null -> null;
            case ResolverCode.Vtl vtl -> VtlResolverCode.compile(vtl.requestTemplate(), vtl.responseTemplate(), where);
        };
    }
}

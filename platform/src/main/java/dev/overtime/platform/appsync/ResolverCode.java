package dev.overtime.platform.appsync;

/** The code of a resolver or pipeline function: what turns a field into a data source request and back. */
public sealed interface ResolverCode {

    /**
     * VTL mapping templates. A missing request template on a Lambda data source makes a direct
     * resolver's request; a missing response template passes the result through.
     */
    record Vtl(String requestTemplate, String responseTemplate) implements ResolverCode {
    }

    /** {@code APPSYNC_JS}: an ES module exporting {@code request(ctx)} and {@code response(ctx)}. */
    record Js(String source) implements ResolverCode {
        public Js {
            java.util.Objects.requireNonNull(source, "source");
        }
    }

    /** A direct Lambda resolver: neither templates nor code. */
    record Direct() implements ResolverCode {
    }
}

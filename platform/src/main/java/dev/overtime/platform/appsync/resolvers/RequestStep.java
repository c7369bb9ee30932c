package dev.overtime.platform.appsync.resolvers;

/** What a request handler produced. */
public sealed interface RequestStep {

    /**
     * A request for the data source, e.g. {@code {operation: 'Invoke', invocationType: 'Event', payload: {...}}}
     * for Lambda or {@code {payload: ...}} for NONE. VTL's {@code "version"} field is kept as written.
     */
    record ToDataSource(Object request) implements RequestStep {
    }

    /** {@code runtime.earlyReturn(value)} (JS) or {@code #return(value)} (VTL): the data source is skipped. */
    record EarlyReturn(Object value) implements RequestStep {
    }
}

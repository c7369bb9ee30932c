package dev.overtime.platform.appsync;

import java.util.Objects;

/** A data source of a GraphQL API ({@code AWS::AppSync::DataSource}). */
public sealed interface DataSource {

    String name();

    /** {@code AWS_LAMBDA}: a function of the template, by name, with an optional qualifier. */
    record Lambda(String name, String functionName, String qualifier) implements DataSource {
        public Lambda {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(functionName, "functionName");
            qualifier = qualifier == null ? "$LATEST" : qualifier;
        }
    }

    /** {@code NONE}: the request's {@code payload} is the result (local publish mutations). */
    record None(String name) implements DataSource {
        public None {
            Objects.requireNonNull(name, "name");
        }
    }

    /** {@code HTTP}: requests go to {@code endpoint} (scheme, host and port). */
    record Http(String name, String endpoint) implements DataSource {
        public Http {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(endpoint, "endpoint");
        }
    }
}

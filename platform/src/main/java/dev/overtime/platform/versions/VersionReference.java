package dev.overtime.platform.versions;

import java.util.Objects;

/** A version as a template names it, before start has given declared versions their numbers. */
public sealed interface VersionReference {

    /** {@code $LATEST}. */
    record Latest() implements VersionReference {
    }

    /** A number written in the template, e.g. {@code "2"}. */
    record Numbered(String number) implements VersionReference {
        public Numbered {
            Objects.requireNonNull(number, "number");
        }
    }

    /** A version the template declares ({@code !GetAtt V.Version}, {@code !Ref V}, SAM's own): its logical id. */
    record Declared(String logicalId) implements VersionReference {
        public Declared {
            Objects.requireNonNull(logicalId, "logicalId");
        }
    }
}

package dev.overtime.platform.appsync.vtl;

import dev.overtime.platform.appsync.resolvers.ResolverError;

/**
 * What ends a template before its last line. Thrown into Velocity by {@code $util.error} and {@code #return}, and
 * found again in the cause chain of whatever Velocity wraps it in.
 */
sealed abstract class TemplateStop extends RuntimeException permits TemplateStop.Raised, TemplateStop.Returned {

    private TemplateStop() {
        super(null, null, false, false);
    }

    /** {@code $util.error(...)}, {@code $util.unauthorized()} or a failed {@code $util.validate(...)}. */
    static final class Raised extends TemplateStop {
        final transient ResolverError error;

        Raised(ResolverError error) {
            this.error = error;
        }
    }

    /** {@code #return} or {@code #return($value)}. */
    static final class Returned extends TemplateStop {
        final transient Object value;

        Returned(Object value) {
            this.value = value;
        }
    }
}

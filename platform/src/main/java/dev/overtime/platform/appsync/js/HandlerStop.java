package dev.overtime.platform.appsync.js;

import dev.overtime.platform.appsync.resolvers.ResolverError;

/**
 * Thrown by the built-in module to end a handler. Rhino runs a script's {@code finally} blocks for a Java
 * runtime exception but never lets its {@code catch} take it, so user code cannot swallow these.
 */
sealed abstract class HandlerStop extends RuntimeException {

    HandlerStop() {
        super(null, null, false, false);
    }

    /** {@code util.error(...)}, {@code util.unauthorized()}. */
    static final class Failed extends HandlerStop {
        final ResolverError error;

        Failed(ResolverError error) {
            this.error = error;
        }
    }

    /** {@code runtime.earlyReturn(value, {skipTo})}; {@code skipTo} is {@code END}, {@code NEXT} or null. */
    static final class EarlyReturn extends HandlerStop {
        final Object value;
        final String skipTo;

        EarlyReturn(Object value, String skipTo) {
            this.value = value;
            this.skipTo = skipTo;
        }
    }
}

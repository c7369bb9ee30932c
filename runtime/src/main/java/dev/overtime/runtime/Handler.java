package dev.overtime.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * A function's handler, whatever its shape, reduced to bytes in and bytes out. Called concurrently
 * when {@code AWS_LAMBDA_MAX_CONCURRENCY} is above 1, as on AWS.
 */
interface Handler {

    /** The body written when a handler has no output of its own, as AWS writes it. */
    byte[] JSON_NULL = {'n', 'u', 'l', 'l'};

    void handle(InputStream input, OutputStream output, Context context) throws Throwable;

    /**
     * Whether the handler writes a streamed response itself: {@link #handle} must then be given a
     * {@link StreamingResponse} as its output.
     */
    default boolean streams() {
        return false;
    }

    /** Called once after loading, before the first {@code /next}; see {@link PojoHandler#prepare}. */
    default void prepare() {
    }

    /** A {@link RequestStreamHandler}: raw bytes, no serialization. */
    final class Stream implements Handler {
        private final RequestStreamHandler handler;

        Stream(RequestStreamHandler handler) {
            this.handler = handler;
        }

        @Override
        public void handle(InputStream input, OutputStream output, Context context) throws Throwable {
            handler.handleRequest(input, output, context);
        }
    }

    /** A method taking some of {@code (InputStream, OutputStream, Context)}, in that order. */
    final class StreamMethod implements Handler {
        private final Method method;
        private final Object instance;
        private final boolean takesInput;
        private final boolean takesOutput;
        private final boolean takesContext;

        StreamMethod(Method method, Object instance, boolean takesInput, boolean takesOutput, boolean takesContext) {
            this.method = method;
            this.instance = instance;
            this.takesInput = takesInput;
            this.takesOutput = takesOutput;
            this.takesContext = takesContext;
        }

        @Override
        public void handle(InputStream input, OutputStream output, Context context) throws Throwable {
            Object[] args = new Object[(takesInput ? 1 : 0) + (takesOutput ? 1 : 0) + (takesContext ? 1 : 0)];
            int i = 0;
            if (takesInput) {
                args[i++] = input;
            }
            if (takesOutput) {
                args[i++] = output;
            }
            if (takesContext) {
                args[i] = context;
            }
            invoke(method, instance, args);
            if (!takesOutput) {
                output.write(JSON_NULL);
            }
        }
    }

    /** Calls {@code method}, rethrowing what the method itself threw. */
    static Object invoke(Method method, Object instance, Object[] args) throws Throwable {
        try {
            return method.invoke(instance, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() != null ? e.getCause() : e;
        }
    }
}

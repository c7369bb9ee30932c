package dev.overtime.runtime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOError;
import java.io.IOException;
import java.lang.reflect.Method;

/**
 * One thread's {@code /next} → handler → {@code /response} (or {@code /error}) loop, on its own
 * Runtime API connection. Runs until the Runtime API fails or the handler hits an error after
 * which the JVM cannot be trusted.
 */
final class RuntimeLoop {

    /** System property AWS's runtime sets to the invocation's X-Ray trace header. */
    static final String TRACE_PROPERTY = "com.amazonaws.xray.traceHeader";
    /** The same value under the name of the environment variable AWS sets for other runtimes. */
    static final String TRACE_ID_PROPERTY = "_X_AMZN_TRACE_ID";

    private final RuntimeApiClient api;
    private final Handler handler;
    private final FunctionConfig config;
    private final RuntimeLogger logger;
    /** With several loop threads a JVM-wide property cannot describe "the" invocation, so none is set. */
    private final boolean setTraceProperty;
    /** Reused for every buffered response of this loop's thread. */
    private final ResponseBuffer output = new ResponseBuffer();
    /** The next event, when it came back with the previous response's 202. */
    private InvocationRequest pipelined;
    /** The AWS SDK's per-thread trace id, when several loops share the JVM and the SDK is there. */
    private SdkTraceSlot slot;

    RuntimeLoop(RuntimeApiClient api, Handler handler, FunctionConfig config, RuntimeLogger logger,
                boolean setTraceProperty) {
        this.api = api;
        this.handler = handler;
        this.config = config;
        this.logger = logger;
        this.setTraceProperty = setTraceProperty;
    }

    /**
     * Serves invocations until it must stop.
     *
     * @return the exit status the process should end with
     */
    int run() {
        slot = setTraceProperty ? null : SdkTraceSlot.find(Thread.currentThread().getContextClassLoader());
        InternalExtensions.closeRegistration();
        while (true) {
            int status = serveOne();
            if (status >= 0) {
                return status;
            }
        }
    }

    /**
     * One invocation, from its event to its answer and after-response work. Its own method because
     * the JIT compiles methods by their calls: as the body of {@link #run}'s loop, which runs once
     * per invoke, it stayed in the interpreter for tens of thousands of invokes.
     *
     * @return the exit status if the loop must stop, else -1
     */
    private int serveOne() {
        InvocationRequest request;
        try {
            request = pipelined != null ? pipelined : api.next();
            pipelined = null;
        } catch (IOException e) {
            System.err.println("overtime-runtime: cannot get the next invocation, exiting: " + e.getMessage());
            return 1;
        }
        if (slot != null) {
            slot.put(request.traceId);
        }
        InvocationContext context = new InvocationContext(request, config, logger);
        AfterResponseWork afterResponse = AfterResponseWork.open(context, request.deadlineMs, logger);
        if (handler.streams()) {
            StreamingResponse stream = new StreamingResponse(api, request.requestId, logger, this::reportFailure);
            Throwable failure = invoke(request, context, stream);
            if (slot != null) {
                slot.put(null);
            }
            // Not pipelined: the handler may have kept working after closing its response, and
            // asking for the next event must wait until it has returned, which it now has.
            int status = finishStream(request.requestId, stream, failure);
            ResponsesSent.mark(request.requestId);
            if (status >= 0) {
                afterResponse.discard();
                return status;
            }
            afterResponse.runUntilDeadline();
            return -1;
        }
        output.reset();
        Throwable failure = invoke(request, context, output);
        if (slot != null) {
            slot.put(null);
        }
        try {
            // An internal extension waits for the response before its work, and the platform holds
            // this loop's /next until that work ends, so the two must not leave in one write.
            if (failure == null && !ResponsesSent.watched() && afterResponse.closeIfNone()) {
                pipelined = api.postResponseThenNext(request.requestId, output.array(), output.size(),
                        refused -> System.err.println("overtime-runtime: " + refused.getMessage()));
            } else if (failure == null) {
                // Asking for the next event would let the platform freeze this environment, so
                // that waits until the after-response work is done.
                api.postResponse(request.requestId, output.array(), output.size());
            } else {
                reportFailure(request.requestId, failure);
            }
        } catch (RuntimeApiException e) {
            System.err.println("overtime-runtime: " + e.getMessage());
            if (!e.isClientError()) {
                afterResponse.discard();
                return 1;
            }
        } catch (IOException e) {
            System.err.println("overtime-runtime: lost the Runtime API while reporting "
                    + request.requestId + ", exiting: " + e);
            afterResponse.discard();
            return 1;
        }
        if (failure instanceof VirtualMachineError || failure instanceof IOError) {
            // As AWS does: after e.g. an OutOfMemoryError the JVM's state is suspect.
            afterResponse.discard();
            return 1;
        }
        ResponsesSent.mark(request.requestId);
        afterResponse.runUntilDeadline();
        return -1;
    }

    /** Runs the handler; returns what it threw, or null when {@code output} holds its response. */
    private Throwable invoke(InvocationRequest request, InvocationContext context, java.io.OutputStream output) {
        if (setTraceProperty) {
            if (request.traceId != null) {
                System.setProperty(TRACE_PROPERTY, request.traceId);
                System.setProperty(TRACE_ID_PROPERTY, request.traceId);
            } else {
                System.clearProperty(TRACE_PROPERTY);
                System.clearProperty(TRACE_ID_PROPERTY);
            }
        }
        if (logger.isJson()) {
            logger.setInvocation(context);
        }
        try {
            handler.handle(new ByteArrayInputStream(request.payload), output, context);
            return null;
        } catch (Throwable t) {
            return t;
        } finally {
            // Clear an interrupt the handler left behind, as AWS does, so it cannot leak into the next one.
            Thread.interrupted();
            if (logger.isJson()) {
                logger.setInvocation(null);
            }
        }
    }

    /**
     * Ends a streamed response after its handler returned: closes it, or ends it with what the handler
     * threw (as a function error if nothing was sent yet, else as error trailers), or, if the
     * handler had already ended it, only logs the exception.
     *
     * @return the exit status if the loop must stop, else -1
     */
    private int finishStream(String requestId, StreamingResponse stream, Throwable failure) {
        try {
            if (!stream.ended()) {
                if (failure == null) {
                    stream.close();
                } else {
                    stream.fail(failure);
                }
            } else if (failure != null) {
                logger.log(ErrorReport.logText("Handler threw after its response had ended (" + requestId
                        + "); the response stands", failure.getClass().getName(), failure));
            }
        } catch (IOException e) {
            // Recorded by the stream as lost.
        }
        if (stream.lost() != null) {
            System.err.println("overtime-runtime: lost the Runtime API while streaming the response to "
                    + requestId + ", exiting: " + stream.lost());
            return 1;
        }
        RuntimeApiException refused = stream.refused();
        if (refused != null) {
            System.err.println("overtime-runtime: " + refused.getMessage());
            if (!refused.isClientError()) {
                return 1;
            }
        }
        if (failure instanceof VirtualMachineError || failure instanceof IOError) {
            return 1;
        }
        return -1;
    }

    private void reportFailure(String requestId, Throwable failure) throws IOException {
        if (failure instanceof HandlerFault) {
            HandlerFault fault = (HandlerFault) failure;
            logger.log(fault.logText());
            api.postError(requestId, ErrorReport.BAD_FUNCTION_CODE, fault.body());
            return;
        }
        byte[] body = ErrorReport.fromThrowable(failure);
        logger.log(ErrorReport.logText(ErrorReport.messageOf(failure), failure.getClass().getName(), failure));
        api.postError(requestId, ErrorReport.USER_EXCEPTION, body);
    }

    /**
     * The per-thread trace id of the AWS SDK for Java 2 ({@code SdkInternalThreadLocal} in
     * utils-lite), which AWS's runtime fills instead of the system property when it runs several
     * loops; only there if the function bundles the SDK.
     */
    static final class SdkTraceSlot {
        static final String CLASS_NAME = "software.amazon.awssdk.utilslite.SdkInternalThreadLocal";
        static final String KEY = "AWS_LAMBDA_X_TRACE_ID";

        private final Method put;

        private SdkTraceSlot(Method put) {
            this.put = put;
        }

        static SdkTraceSlot find(ClassLoader loader) {
            try {
                return new SdkTraceSlot(Class.forName(CLASS_NAME, true, loader).getMethod("put", String.class, String.class));
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                return null;
            }
        }

        /** Sets, or with null removes, this thread's trace id. */
        void put(String traceId) {
            try {
                put.invoke(null, KEY, traceId);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // The SDK's own fallbacks apply; tracing is best effort.
            }
        }
    }

    /** Reused for every response of one thread; hands its array to the socket without a copy. */
    static final class ResponseBuffer extends ByteArrayOutputStream {
        ResponseBuffer() {
            super(1024);
        }

        byte[] array() {
            return buf;
        }
    }
}

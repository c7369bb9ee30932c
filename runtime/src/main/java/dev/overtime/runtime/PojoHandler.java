package dev.overtime.runtime;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import dev.overtime.lambda.ResponseStream;
import dev.overtime.lambda.StreamingHandler;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Map;

/**
 * A handler that takes and returns Java objects: a {@link RequestHandler} or a method with an event
 * parameter. Converts JSON to the input type and the result back to JSON exactly as AWS does, with
 * AWS's serializers, and wraps conversion failures in the same exceptions AWS throws. For
 * {@code String} and {@code Map<String, Object>} it first tries {@link FastJson}, which gives the
 * same result without loading Jackson, and falls back to AWS's serializer whenever it declines.
 */
final class PojoHandler implements Handler {

    /** Calls the user's code with the converted input. */
    interface Invoker {
        /** @param output the response stream; only a {@link StreamingInvoker} uses it */
        Object invoke(Object input, OutputStream output, Context context) throws Throwable;
    }

    private final Invoker invoker;
    /** Null when the handler takes no input. */
    private final Type inputType;
    /** Null when the handler returns void: the output is then {@code null}. */
    private final Type outputType;
    private final ClassLoader loader;
    /** A {@link StreamingHandler}: it writes its own output, which may be its raw {@code InputStream} input. */
    private final boolean streaming;

    /** Set by {@link #prepare}: a function's own serializer, if any, overrides the fast path as it does Jackson. */
    private boolean fastInput;
    private boolean fastOutput;

    private volatile PojoSerializer<Object> input;
    private volatile PojoSerializer<Object> output;
    private volatile PojoSerializer<Object> androidInput;
    private volatile PojoSerializer<Object> androidOutput;

    PojoHandler(Invoker invoker, Type inputType, Type outputType, ClassLoader loader) {
        this.invoker = invoker;
        this.inputType = inputType;
        this.outputType = outputType;
        this.loader = loader;
        this.streaming = invoker instanceof StreamingInvoker;
    }

    @Override
    public boolean streams() {
        return streaming;
    }

    private boolean rawInput() {
        return streaming && inputType == InputStream.class;
    }

    /**
     * Builds the serializers, as AWS does while loading the handler, so that loading Jackson counts
     * as init and a broken serializer setup is an init error. Types {@link FastJson} handles get
     * their Jackson serializer only when a document needs it.
     *
     * @throws HandlerFault if a serializer cannot be created
     */
    @Override
    public void prepare() {
        boolean custom;
        try {
            custom = Serialization.hasCustomSerializer(loader);
        } catch (Throwable t) {
            throw HandlerFault.of(t);
        }
        fastInput = !custom && inputType != null && !rawInput() && FastJson.supports(inputType);
        fastOutput = !custom && outputType != null && FastJson.supports(outputType);
        if (inputType != null && !fastInput && !rawInput()) {
            serializer(true, false);
        }
        if (outputType != null && !fastOutput) {
            serializer(false, false);
        }
    }

    @Override
    public void handle(InputStream in, OutputStream out, Context context) throws Throwable {
        // AWS converts with Gson, not Jackson, for the Android mobile SDK; FastJson mirrors only Jackson.
        boolean android = isAndroid(context);
        Object value = null;
        if (rawInput()) {
            value = in;
        } else if (inputType != null) {
            Object fast = FastJson.DECLINED;
            if (fastInput && !android) {
                byte[] bytes = in.readAllBytes();
                fast = FastJson.read(bytes, inputType);
                in = new ByteArrayInputStream(bytes);
            }
            if (fast != FastJson.DECLINED) {
                value = fast;
            } else {
                PojoSerializer<Object> s = serializer(true, android);
                try {
                    value = s.fromJson(in);
                } catch (Throwable t) {
                    throw new RuntimeException("An error occurred during JSON parsing", t);
                }
            }
        }
        Object result = invoker.invoke(value, out, context);
        if (streaming) {
            return;
        }
        if (outputType == null) {
            out.write(JSON_NULL);
            return;
        }
        byte[] fast = fastOutput && !android ? FastJson.write(result, outputType) : null;
        if (fast != null) {
            out.write(fast);
            return;
        }
        PojoSerializer<Object> s = serializer(false, android);
        try {
            s.toJson(result, out);
        } catch (Throwable t) {
            throw new RuntimeException("An error occurred during JSON serialization of response", t);
        }
    }

    private PojoSerializer<Object> serializer(boolean forInput, boolean android) {
        PojoSerializer<Object> s = forInput ? (android ? androidInput : input) : (android ? androidOutput : output);
        if (s != null) {
            return s;
        }
        try {
            s = Serialization.serializerFor(forInput ? inputType : outputType, android, loader);
        } catch (HandlerFault f) {
            throw f;
        } catch (Throwable t) {
            throw HandlerFault.of(t);
        }
        if (forInput) {
            if (android) {
                androidInput = s;
            } else {
                input = s;
            }
        } else if (android) {
            androidOutput = s;
        } else {
            output = s;
        }
        return s;
    }

    private static boolean isAndroid(Context context) {
        ClientContext cc = context.getClientContext();
        if (cc == null) {
            return false;
        }
        Map<String, String> env = cc.getEnvironment();
        return env != null && "Android".equalsIgnoreCase(env.get("platform"));
    }

    /** A {@link RequestHandler} instance. */
    static final class RequestHandlerInvoker implements Invoker {
        @SuppressWarnings("rawtypes")
        private final RequestHandler handler;

        RequestHandlerInvoker(RequestHandler<?, ?> handler) {
            this.handler = handler;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object invoke(Object input, OutputStream output, Context context) {
            return handler.handleRequest(input, context);
        }
    }

    /** A {@link StreamingHandler} instance; {@code output} is its {@link ResponseStream}. */
    static final class StreamingInvoker implements Invoker {
        @SuppressWarnings("rawtypes")
        private final StreamingHandler handler;

        StreamingInvoker(StreamingHandler<?> handler) {
            this.handler = handler;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object invoke(Object input, OutputStream output, Context context) throws Exception {
            handler.handleRequest(input, (ResponseStream) output, context);
            return null;
        }
    }

    /** A method taking {@code ()}, {@code (T)}, {@code (Context)} or {@code (T, Context)}. */
    static final class MethodInvoker implements Invoker {
        private final Method method;
        private final Object instance;
        private final boolean takesInput;
        private final boolean takesContext;

        MethodInvoker(Method method, Object instance, boolean takesInput, boolean takesContext) {
            this.method = method;
            this.instance = instance;
            this.takesInput = takesInput;
            this.takesContext = takesContext;
        }

        @Override
        public Object invoke(Object input, OutputStream output, Context context) throws Throwable {
            Object[] args = new Object[(takesInput ? 1 : 0) + (takesContext ? 1 : 0)];
            if (takesInput) {
                args[0] = input;
            }
            if (takesContext) {
                args[args.length - 1] = context;
            }
            return Handler.invoke(method, instance, args);
        }
    }
}

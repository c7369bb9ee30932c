package dev.overtime.runtime;

import com.amazonaws.services.lambda.runtime.CustomPojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.GsonFactory;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.ServiceLoader;

/**
 * Picks the serializer AWS would pick for a handler's input or output type, in AWS's order:
 * a {@link CustomPojoSerializer} the function provides through {@link ServiceLoader}; AWS's
 * serializer for an aws-lambda-java-events type; Gson for Android mobile clients; otherwise
 * AWS's configured Jackson. The only class here that touches aws-lambda-java-serialization, so
 * stream handlers never load it.
 */
final class Serialization {

    /** Every event class {@link LambdaEventSerializers} knows lives under this package. */
    private static final String EVENTS_PREFIX = "com.amazonaws.services.";
    private static final String SERVICE_FILE = "META-INF/services/" + CustomPojoSerializer.class.getName();

    /** The loader {@link #custom} was looked up in: one per process in practice, as on AWS. */
    private static ClassLoader customLoader;
    private static CustomPojoSerializer custom;

    private Serialization() {
    }

    /** Serialized: AWS's event serializers register modules on a shared Jackson mapper. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static synchronized PojoSerializer<Object> serializerFor(Type type, boolean android, ClassLoader loader) {
        CustomPojoSerializer c = customSerializer(loader);
        if (c != null) {
            return new Custom(c, type);
        }
        // The prefix test only spares loading the event registry for types it cannot contain.
        if (type instanceof Class && ((Class<?>) type).getName().startsWith(EVENTS_PREFIX)
                && LambdaEventSerializers.isLambdaSupportedEvent(((Class<?>) type).getName())) {
            return LambdaEventSerializers.serializerFor((Class) type, loader);
        }
        if (android) {
            return GsonFactory.getInstance().getSerializer(type);
        }
        return JacksonFactory.getInstance().getSerializer(type);
    }

    /** Whether the function provides its own {@link CustomPojoSerializer}; looked up once, like AWS. */
    static synchronized boolean hasCustomSerializer(ClassLoader loader) {
        return customSerializer(loader) != null;
    }

    private static CustomPojoSerializer customSerializer(ClassLoader loader) {
        if (customLoader != loader) {
            CustomPojoSerializer first = null;
            // ServiceLoader reads these same files; checking for them first spares its machinery
            // (milliseconds of a cold start) for the many functions that have none.
            boolean declared;
            try {
                declared = loader.getResources(SERVICE_FILE).hasMoreElements();
            } catch (IOException e) {
                declared = true;
            }
            Iterator<CustomPojoSerializer> found = declared
                    ? ServiceLoader.load(CustomPojoSerializer.class, loader).iterator() : null;
            if (found != null && found.hasNext()) {
                first = found.next();
            }
            if (first != null && found.hasNext()) {
                throw new TooManyServiceProvidersFoundException(
                        "Too many serializers provided inside the META-INF/services folder, only one is allowed");
            }
            custom = first;
            customLoader = loader;
        }
        return custom;
    }

    /** Thrown, as by AWS, when a function provides more than one {@link CustomPojoSerializer}. */
    static final class TooManyServiceProvidersFoundException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooManyServiceProvidersFoundException(String message) {
            super(message);
        }
    }

    /** A function's own {@link CustomPojoSerializer}, bound to one type. */
    private static final class Custom implements PojoSerializer<Object> {
        private final CustomPojoSerializer serializer;
        private final Type type;

        Custom(CustomPojoSerializer serializer, Type type) {
            this.serializer = serializer;
            this.type = type;
        }

        @Override
        public Object fromJson(InputStream input) {
            return serializer.fromJson(input, type);
        }

        @Override
        public Object fromJson(String input) {
            return serializer.fromJson(input, type);
        }

        @Override
        public void toJson(Object value, OutputStream output) {
            serializer.toJson(value, output, type);
        }
    }
}

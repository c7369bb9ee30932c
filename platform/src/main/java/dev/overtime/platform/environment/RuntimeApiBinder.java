package dev.overtime.platform.environment;

/** Gives an environment its own Runtime API address. Implemented by the Runtime API door. */
public interface RuntimeApiBinder {

    /** Opens a Runtime API endpoint that serves only {@code environment}. */
    Binding bind(Environment environment);

    /** An open endpoint; {@link #close()} stops serving it. */
    interface Binding extends AutoCloseable {
        /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
        String address();

        @Override
        void close();
    }
}

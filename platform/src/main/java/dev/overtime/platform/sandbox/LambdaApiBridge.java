package dev.overtime.platform.sandbox;

import dev.overtime.platform.environment.ProcessIsolation;

/** The platform's Lambda API port, and what accepts its callers, for each sandbox to listen on in its network. */
record LambdaApiBridge(int port, ProcessIsolation.Callers callers) {
}

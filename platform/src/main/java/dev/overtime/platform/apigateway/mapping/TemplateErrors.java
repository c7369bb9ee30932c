package dev.overtime.platform.apigateway.mapping;

/** Exceptions that the template variables throw into Velocity, to be told apart when they come out of it. */
final class TemplateErrors {
    private TemplateErrors() {
    }

    /** An override set a second time: API Gateway's overrides are final. */
    static final class OverrideRepeated extends RuntimeException {
        OverrideRepeated(String message) {
            super(message, null, false, false);
        }
    }

    /** The payload could not be read as JSON. */
    static final class InvalidPayload extends RuntimeException {
        InvalidPayload(String message) {
            super(message, null, false, false);
        }
    }
}

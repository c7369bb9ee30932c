package dev.overtime.platform.versions;

/** A versions, aliases or configuration request that cannot be done; the API door renders it in AWS's shape. */
public final class VersionsException extends Exception {

    /** Which of AWS's errors it is. */
    public enum Kind {
        /** 404 ResourceNotFoundException */
        NOT_FOUND,
        /** 409 ResourceConflictException */
        CONFLICT,
        /** 400 InvalidParameterValueException */
        INVALID,
        /** 412 PreconditionFailedException (a RevisionId that is not the current one) */
        PRECONDITION_FAILED,
        /** 404 ProvisionedConcurrencyConfigNotFoundException */
        PROVISIONED_CONFIG_NOT_FOUND
    }

    private final Kind kind;

    public VersionsException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}

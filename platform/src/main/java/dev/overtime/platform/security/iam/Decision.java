package dev.overtime.platform.security.iam;

/** The outcome of evaluating policies, as IAM names it: an explicit Deny wins over any Allow. */
public enum Decision {
    ALLOW, IMPLICIT_DENY, EXPLICIT_DENY;

    public boolean allowed() {
        return this == ALLOW;
    }
}

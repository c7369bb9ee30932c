package dev.overtime.platform.template;

/**
 * A function as a name, ARN or partial ARN gives it, split from the version or alias it may carry:
 * {@code arn:aws:lambda:us-east-1:123456789012:function:hello:live} is function {@code hello} with
 * qualifier {@code live}.
 *
 * @param qualifier the text after the name, or null when there is none
 */
record QualifiedFunction(String name, String qualifier) {

    private static final String FUNCTION = ":function:";

    static QualifiedFunction parse(String nameOrArn) {
        int at = nameOrArn.indexOf(FUNCTION);
        String rest = at < 0 ? nameOrArn : nameOrArn.substring(at + FUNCTION.length());
        int colon = rest.indexOf(':');
        return colon < 0
                ? new QualifiedFunction(rest, null)
                : new QualifiedFunction(rest.substring(0, colon), rest.substring(colon + 1));
    }

    /** Whether the text is an ARN or partial ARN, whose qualifier (if any) follows the function name. */
    static boolean isArn(String text) {
        return text.contains(FUNCTION);
    }
}

package dev.overtime.platform.template;

import java.util.Objects;

/** Builds Lambda function ARNs the way AWS spells them. */
public final class FunctionArns {

    private FunctionArns() {
    }

    /** {@code arn:aws:lambda:<region>:<accountId>:function:<name>}. */
    public static String arn(TemplateContext ctx, String functionName) {
        Objects.requireNonNull(ctx, "ctx");
        Objects.requireNonNull(functionName, "functionName");
        return "arn:aws:lambda:" + ctx.region() + ":" + ctx.accountId() + ":function:" + functionName;
    }
}

package dev.overtime.platform.invocation;

/** X-Ray trace headers for invocations whose caller sent none. */
public final class TraceIds {
    private TraceIds() {
    }

    /** A root trace id derived from the request id, unsampled, as Lambda passes when tracing is off. */
    public static String forRequest(String requestId) {
        String hex = requestId.replace("-", "");
        return "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + hex.substring(0, 24)
                + ";Parent=" + hex.substring(0, 8) + "00000000;Sampled=0";
    }
}

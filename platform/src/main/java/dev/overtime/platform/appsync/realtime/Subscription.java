package dev.overtime.platform.appsync.realtime;

/** A started subscription. */
public interface Subscription {

    /** Stops it; no event reaches its sink after this returns. Idempotent. */
    void stop();

    /**
     * Tells the subscription that the client has been sent its acknowledgement ({@code start_ack}). Events
     * (replayed or live) are held until then, so that none reaches a client before its ack; none is lost.
     */
    void acknowledged();
}

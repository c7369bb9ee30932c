package dev.overtime.platform.appsync.realtime;

/** A started subscription. */
public interface Subscription {

    /** Stops it; no event reaches its sink after this returns. Idempotent. */
    void stop();
}

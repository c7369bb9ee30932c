package dev.overtime.platform.appsync.realtime;

/** Where a subscription's events go; called by one thread at a time, in order. */
public interface SubscriptionSink {

    /**
     * One event: {@code payloadJson} is the serialized execution result, e.g.
     * {@code {"data":{"onChunk":{...}},"extensions":{"seq":42}}}. The same string may be handed to many
     * sinks, so a protocol wraps it rather than re-serializing it.
     */
    void next(String payloadJson);

    /** The subscription ended from the server's side (the API is stopping); no more events follow. */
    void ended();
}

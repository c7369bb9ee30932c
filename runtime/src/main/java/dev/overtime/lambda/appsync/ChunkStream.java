package dev.overtime.lambda.appsync;

import java.util.Objects;

/**
 * One stream of chunks from {@link ChunkPublisher#stream}: each {@link #send} publishes the next chunk
 * and returns once the API accepted it; {@link #finish} publishes the last one, marked done. Not
 * thread-safe: one producer sends a stream's chunks, which is what keeps them in order.
 */
public final class ChunkStream {

    private final ChunkPublisher publisher;
    private final String streamId;
    private int lastSeq;
    private boolean finished;

    ChunkStream(ChunkPublisher publisher, String streamId) {
        this.publisher = publisher;
        this.streamId = Objects.requireNonNull(streamId, "streamId");
        if (streamId.isEmpty()) {
            throw new IllegalArgumentException("streamId is empty");
        }
    }

    /**
     * Publishes {@code text} as the next chunk.
     *
     * @throws PublishException when it could not be published; the stream stays where it was
     * @throws IllegalStateException after {@link #finish}
     */
    public void send(String text) {
        publish(Objects.requireNonNull(text, "text"), false);
    }

    /** Publishes an empty last chunk with {@code done: true}. */
    public void finish() {
        finish("");
    }

    /** Publishes {@code text} as the last chunk, with {@code done: true}. */
    public void finish(String text) {
        publish(Objects.requireNonNull(text, "text"), true);
        finished = true;
    }

    /** The seq of the last chunk published, 0 before the first. */
    public int lastSeq() {
        return lastSeq;
    }

    public String streamId() {
        return streamId;
    }

    private void publish(String text, boolean done) {
        if (finished) {
            throw new IllegalStateException("stream " + streamId + " is finished; no chunk follows its last");
        }
        publisher.publish(new Chunk(streamId, lastSeq + 1, text, done));
        lastSeq++;
    }
}

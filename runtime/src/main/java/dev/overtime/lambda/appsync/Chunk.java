package dev.overtime.lambda.appsync;

import java.util.Objects;

/**
 * One published piece of a stream.
 *
 * @param streamId the stream it belongs to (the chat example's {@code conversationId})
 * @param seq      its position, from 1, without gaps
 * @param text     its content; empty for a final chunk that carries nothing more
 * @param done     true for the last chunk of the stream
 */
public record Chunk(String streamId, int seq, String text, boolean done) {

    public Chunk {
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(text, "text");
        if (seq < 1) {
            throw new IllegalArgumentException("seq starts at 1, got " + seq);
        }
    }
}

/**
 * The GenAI chat example. {@link dev.overtime.examples.chat.ChatPage} serves the page;
 * the page subscribes to {@code onChunk(conversationId)} and calls {@code ask}, whose resolver invokes
 * {@link dev.overtime.examples.chat.ChatAnswer} asynchronously ({@code invocationType: 'Event'}). ChatAnswer
 * streams the answer from an OpenAI-compatible endpoint, or from the offline
 * {@link dev.overtime.examples.chat.StandInModel}, and publishes each token with the runtime's
 * {@code ChunkPublisher} through the {@code publishChunk} mutation, which the subscription delivers.
 *
 * <pre>
 * [page]    start onChunk ── start_ack ── POST ask ─▶ null at once          ◀── data, data, ..., done
 * [ChatAnswer, Event invoke]        token ─▶ POST publishChunk ─▶ token ─▶ ... ─▶ done: true
 * </pre>
 */
package dev.overtime.examples.chat;

package dev.overtime.examples.chat;

import java.io.IOException;
import java.util.function.Consumer;

/** A language model that answers a question as a stream of tokens. */
interface TokenSource {

    /**
     * Streams the answer to {@code question}, handing each token to {@code tokens} as it arrives, on the
     * calling thread; returns once the answer is complete.
     *
     * @throws IOException when the model could not be reached or broke off
     */
    void answer(String question, Consumer<String> tokens) throws IOException, InterruptedException;
}

package dev.overtime.platform.url;

import dev.overtime.platform.invocation.InvocationOutcome;
import dev.overtime.platform.invocation.StreamedResponse;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Forwards a streamed response: the status and headers once the prelude is complete, then each
 * chunk as it arrives. A function error after the first byte ends the HTTP response abnormally
 * (no terminating chunk), so clients see the failure; a caller that leaves stops receiving,
 * but the runtime's stream is still drained.
 */
public final class StreamRelay implements StreamedResponse.Subscriber {
    private final StreamedResponse stream;
    private final Response response;
    private final Callback callback;
    private final boolean hasPrelude;
    private final Runnable answerFailure;
    private final StreamingPrelude prelude = new StreamingPrelude();
    private boolean headSent;
    private volatile boolean done;

    /**
     * @param answerFailure writes the door's own error answer, for a failure before the first byte
     */
    public StreamRelay(StreamedResponse stream, Response response, Callback callback, Runnable answerFailure) {
        this.answerFailure = answerFailure;
        this.stream = stream;
        this.response = response;
        this.callback = callback;
        this.hasPrelude = StreamingPrelude.hasPrelude(stream.contentType());
    }

    public void start() {
        stream.subscribe(this);
    }

    @Override
    public void onChunk(ByteBuffer chunk, Runnable next) {
        if (done) {
            next.run();
            return;
        }
        ByteBuffer body = afterHead(chunk);
        if (body == null || !body.hasRemaining()) {
            next.run();
            return;
        }
        response.write(false, body, Callback.from(next, failure -> {
            done = true;
            next.run();
        }));
    }

    /** The whole rest of the answer at once: the body and the end leave in one write. */
    @Override
    public void onLastChunk(ByteBuffer chunk) {
        ByteBuffer body = done ? null : afterHead(chunk);
        if (body == null) {
            onComplete(null);
            return;
        }
        response.write(true, body, callback);
    }

    /**
     * Sends the head once the prelude in {@code chunk} completes it; returns the body bytes that
     * follow, or null while the head is not sent (the prelude goes on, or was invalid and answered).
     */
    private ByteBuffer afterHead(ByteBuffer chunk) {
        if (headSent) {
            return chunk;
        }
        if (!hasPrelude) {
            sendHead(StreamingPrelude.passThrough(stream.contentType()));
            return chunk;
        }
        ByteBuffer body;
        try {
            body = prelude.feed(chunk);
        } catch (InvalidPreludeException e) {
            done = true;
            answerFailure.run();
            return null;
        }
        if (prelude.prelude().isEmpty()) {
            return null;
        }
        sendHead(prelude.prelude().get());
        return body;
    }

    @Override
    public void onComplete(InvocationOutcome.Failure failure) {
        if (done) {
            if (!headSent) {
                return;
            }
            callback.failed(new IOException("the caller disconnected"));
            return;
        }
        if (failure != null) {
            if (!headSent) {
                answerFailure.run();
            } else {
                callback.failed(new IOException("the function failed mid-stream: " + failure.errorType()));
            }
            return;
        }
        if (!headSent) {
            try {
                sendHead(hasPrelude ? prelude.finish() : StreamingPrelude.passThrough(stream.contentType()));
            } catch (InvalidPreludeException e) {
                answerFailure.run();
                return;
            }
        }
        response.write(true, null, callback);
    }

    private void sendHead(Prelude head) {
        headSent = true;
        response.setStatus(head.statusCode());
        head.headers().forEach(h -> response.getHeaders().add(h.getKey(), h.getValue()));
        head.cookies().forEach(c -> response.getHeaders().add("Set-Cookie", c));
    }
}

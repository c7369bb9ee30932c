package dev.overtime.platform.security;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

import java.nio.ByteBuffer;

/**
 * A request whose body was already read (to check its signature): the doors read it again from here,
 * as one last chunk, with their usual read/demand loop.
 */
final class ReplayedBodyRequest extends Request.Wrapper {

    private final byte[] body;
    private boolean served;

    ReplayedBodyRequest(Request request, byte[] body) {
        super(request);
        this.body = body;
    }

    @Override
    public Content.Chunk read() {
        if (served) {
            return Content.Chunk.EOF;
        }
        served = true;
        return Content.Chunk.from(ByteBuffer.wrap(body), true);
    }

    @Override
    public void demand(Runnable demandCallback) {
        demandCallback.run();
    }

    @Override
    public long getLength() {
        return body.length;
    }
}

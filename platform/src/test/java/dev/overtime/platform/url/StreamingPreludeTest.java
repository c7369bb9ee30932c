package dev.overtime.platform.url;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The prelude of a streamed function URL response, however its bytes are chunked. */
class StreamingPreludeTest {

    private static final byte[] NULS = new byte[8];

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    @Test
    void prelude_inOneChunk_yieldsPreludeAndTheBodyBytesAfterIt() {
        StreamingPrelude parser = new StreamingPrelude();

        ByteBuffer body = parser.feed(ByteBuffer.wrap(concat(
                utf8("{\"statusCode\":201,\"headers\":{\"Content-Type\":\"text/plain\"},\"cookies\":[\"a=1\",\"b=2\"]}"),
                NULS, utf8("hello"))));

        assertThat(bytes(body)).isEqualTo(utf8("hello"));
        Prelude prelude = parser.finish();
        assertThat(prelude.statusCode()).isEqualTo(201);
        assertThat(prelude.headers()).containsExactly(Map.entry("Content-Type", "text/plain"));
        assertThat(prelude.cookies()).containsExactly("a=1", "b=2");
    }

    @Test
    void prelude_splitByteByByte_completesOnTheLastNul_withBodyInTheSameChunk() {
        StreamingPrelude parser = new StreamingPrelude();
        byte[] prelude = concat(utf8("{\"headers\":{\"x\":\"y\"}}"), NULS);

        // Every byte but the last NUL, one per chunk: nothing comes out yet.
        for (int i = 0; i < prelude.length - 1; i++) {
            assertThat(parser.feed(ByteBuffer.wrap(prelude, i, 1)).hasRemaining()).isFalse();
            assertThat(parser.prelude()).isEmpty();
        }
        ByteBuffer body = parser.feed(ByteBuffer.wrap(concat(new byte[]{0}, utf8("body!"))));

        assertThat(bytes(body)).isEqualTo(utf8("body!"));
        assertThat(parser.prelude()).hasValueSatisfying(p -> {
            assertThat(p.statusCode()).isEqualTo(200);
            assertThat(p.headers()).containsExactly(Map.entry("x", "y"));
            assertThat(p.cookies()).isEmpty();
        });
    }

    @Test
    void chunksAfterThePrelude_passThroughUntouched_includingNulBytes() {
        StreamingPrelude parser = new StreamingPrelude();
        parser.feed(ByteBuffer.wrap(concat(utf8("{}"), NULS)));
        ByteBuffer later = ByteBuffer.wrap(new byte[]{0, 0, 0, 0, 0, 0, 0, 0, 0, 1});

        assertThat(parser.feed(later)).isSameAs(later);
        assertThat(parser.finish().statusCode()).isEqualTo(200);
    }

    @Test
    void nulsSplitAcrossChunks_areStillTheDelimiter() {
        StreamingPrelude parser = new StreamingPrelude();

        assertThat(parser.feed(ByteBuffer.wrap(concat(utf8("{\"statusCode\":404}"), new byte[3]))).hasRemaining())
                .isFalse();
        ByteBuffer body = parser.feed(ByteBuffer.wrap(concat(new byte[5], utf8("nf"))));

        assertThat(bytes(body)).isEqualTo(utf8("nf"));
        assertThat(parser.finish().statusCode()).isEqualTo(404);
    }

    @Test
    void oversizePrelude_isRejected() {
        StreamingPrelude parser = new StreamingPrelude();
        byte[] big = new byte[StreamingPrelude.MAX_PRELUDE_BYTES + 1];
        Arrays.fill(big, (byte) ' ');

        assertThatThrownBy(() -> parser.feed(ByteBuffer.wrap(big)))
                .isInstanceOf(InvalidPreludeException.class)
                .hasMessageContaining("exceeds");
    }

    @Test
    void preludeOfExactlyTheLimit_isAccepted() {
        StreamingPrelude parser = new StreamingPrelude();
        byte[] padded = new byte[StreamingPrelude.MAX_PRELUDE_BYTES];
        Arrays.fill(padded, (byte) ' ');
        padded[0] = '{';
        padded[padded.length - 1] = '}';

        parser.feed(ByteBuffer.wrap(concat(padded, NULS)));

        assertThat(parser.finish().statusCode()).isEqualTo(200);
    }

    @Test
    void invalidJsonPrelude_isRejected() {
        assertThatThrownBy(() -> new StreamingPrelude().feed(ByteBuffer.wrap(concat(utf8("{not json"), NULS))))
                .isInstanceOf(InvalidPreludeException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> new StreamingPrelude().feed(ByteBuffer.wrap(concat(utf8("[1]"), NULS))))
                .isInstanceOf(InvalidPreludeException.class)
                .hasMessageContaining("not a JSON object");
    }

    @Test
    void streamEndingBeforeTheDelimiter_isRejected() {
        StreamingPrelude parser = new StreamingPrelude();
        parser.feed(ByteBuffer.wrap(utf8("{\"statusCode\":200}")));

        assertThatThrownBy(parser::finish).isInstanceOf(InvalidPreludeException.class);
    }

    @Test
    void otherContentTypes_passThroughWith200AndTheirContentType() {
        assertThat(StreamingPrelude.hasPrelude("application/vnd.awslambda.http-integration-response")).isTrue();
        assertThat(StreamingPrelude.hasPrelude("text/plain")).isFalse();
        assertThat(StreamingPrelude.hasPrelude(null)).isFalse();

        assertThat(StreamingPrelude.passThrough("text/event-stream"))
                .isEqualTo(new Prelude(200, List.of(Map.entry("content-type", "text/event-stream")), List.of()));
        assertThat(StreamingPrelude.passThrough(null).headers())
                .containsExactly(Map.entry("content-type", "application/octet-stream"));
    }
}

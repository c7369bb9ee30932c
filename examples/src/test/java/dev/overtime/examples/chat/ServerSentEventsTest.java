package dev.overtime.examples.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerSentEventsTest {

    @Test
    void read_dispatchesDataOnBlankLines_joiningMultiLineData_andSkippingCommentsAndOtherFields() throws IOException {
        List<String> events = new ArrayList<>();
        String stream = ": hello\n\nevent: message\nid: 1\ndata: {\"a\":\ndata:1}\n\ndata:x\r\n\r\ndata: tail-without-blank-line";

        boolean stopped = ServerSentEvents.read(new BufferedReader(new StringReader(stream)), events::add);

        assertThat(events).containsExactly("{\"a\":\n1}", "x", "tail-without-blank-line");
        assertThat(stopped).isFalse();
    }

    @Test
    void read_stopsWhenTheHandlerSaysSo() throws IOException {
        List<String> events = new ArrayList<>();

        boolean stopped = ServerSentEvents.read(new BufferedReader(new StringReader("data: 1\n\ndata: [DONE]\n\ndata: 2\n\n")),
                data -> {
                    events.add(data);
                    return !data.equals("[DONE]");
                });

        assertThat(stopped).isTrue();
        assertThat(events).containsExactly("1", "[DONE]");
    }

    @Test
    void token_readsTheDeltaContent_andReportsStreamedErrors() {
        assertThat(OpenAiChatStream.token("{\"choices\":[{\"delta\":{\"content\":\" hi\"}}]}")).isEqualTo(" hi");
        assertThat(OpenAiChatStream.token("{\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}")).isEmpty();
        assertThat(OpenAiChatStream.token("{\"choices\":[],\"usage\":{\"total_tokens\":9}}")).isEmpty();
        assertThatThrownBy(() -> OpenAiChatStream.token("{\"error\":{\"message\":\"rate limited\"}}"))
                .hasMessageContaining("rate limited");
    }

    @Test
    void endpoint_acceptsABaseUrlWithOrWithoutV1() {
        assertThat(new OpenAiChatStream("https://api.openai.com/v1/", null, "m").endpoint())
                .hasToString("https://api.openai.com/v1/chat/completions");
        assertThat(new OpenAiChatStream("http://127.0.0.1:11434", null, "m").endpoint())
                .hasToString("http://127.0.0.1:11434/v1/chat/completions");
    }
}

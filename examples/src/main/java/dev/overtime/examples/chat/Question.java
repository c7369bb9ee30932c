package dev.overtime.examples.chat;

import java.util.Map;

/**
 * What ChatAnswer is asked: the resolver's payload {@code {conversationId, question}}, or a direct
 * Lambda resolver's event, which carries them in {@code arguments}.
 */
record Question(String conversationId, String text) {

    static final int MAX_LENGTH = 4000;

    static Question from(Map<String, Object> event) {
        if (event == null) {
            throw new IllegalArgumentException("The event is empty; expected {\"conversationId\": ..., \"question\": ...}");
        }
        Object arguments = event.get("arguments");
        Map<?, ?> source = arguments instanceof Map && !event.containsKey("question") ? (Map<?, ?>) arguments : event;
        String conversationId = required(source, "conversationId");
        String question = required(source, "question");
        if (question.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("The question is " + question.length() + " characters long; at most "
                    + MAX_LENGTH + " are accepted");
        }
        return new Question(conversationId, question);
    }

    private static String required(Map<?, ?> source, String name) {
        Object value = source.get(name);
        if (!(value instanceof String) || ((String) value).isBlank()) {
            throw new IllegalArgumentException("The event has no " + name + "; expected {\"conversationId\": ...,"
                    + " \"question\": ...} (or the same in \"arguments\"), got keys " + source.keySet());
        }
        return ((String) value).strip();
    }
}

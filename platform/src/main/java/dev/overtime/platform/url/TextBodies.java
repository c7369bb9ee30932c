package dev.overtime.platform.url;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Decides whether a request body travels in the event as text or as base64.
 *
 * <p>The rule: a body is text when its content type is textual ({@code text/*},
 * {@code application/json}, {@code application/javascript}, {@code application/xml},
 * {@code *+json}, {@code *+xml}, {@code application/x-www-form-urlencoded}) or absent,
 * <em>and</em> its bytes are valid UTF-8. Everything else is binary.
 */
public final class TextBodies {

    private TextBodies() {
    }

    /** Whether {@code body} with this content type (may be {@code null}) goes into the event as text. */
    public static boolean isText(String contentType, byte[] body) {
        return (contentType == null || isTextualType(contentType)) && isUtf8(body);
    }

    /** Whether the media type, ignoring parameters such as charset, is a textual one. */
    public static boolean isTextualType(String contentType) {
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.startsWith("text/")
                || type.equals("application/json")
                || type.equals("application/javascript")
                || type.equals("application/xml")
                || type.equals("application/x-www-form-urlencoded")
                || type.endsWith("+json")
                || type.endsWith("+xml");
    }

    static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}

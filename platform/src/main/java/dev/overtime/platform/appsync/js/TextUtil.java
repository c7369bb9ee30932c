package dev.overtime.platform.appsync.js;

import dev.overtime.platform.velocity.JavaScriptEscape;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Base64;
import java.util.Locale;

/** The string helpers of {@code util} and {@code util.str}. */
final class TextUtil {

    private TextUtil() {
    }

    static String base64Encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String base64Decode(String base64) {
        return new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    static String urlEncode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static String urlDecode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** Escapes a string for a JavaScript string literal, in either quote style. */
    static String escapeJavaScript(String text) {
        return JavaScriptEscape.escape(text);
    }

    static String upper(String text) {
        return text.toUpperCase(Locale.ROOT);
    }

    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /** {@code util.str.normalize(text, 'nfc' | 'nfd' | 'nfkc' | 'nfkd')}. */
    static String normalize(String text, String form) {
        Normalizer.Form normalForm;
        try {
            normalForm = Normalizer.Form.valueOf(form.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("normalization form must be nfc, nfd, nfkc or nfkd, not '" + form + "'");
        }
        return Normalizer.normalize(text, normalForm);
    }
}

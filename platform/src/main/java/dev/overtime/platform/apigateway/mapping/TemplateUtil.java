package dev.overtime.platform.apigateway.mapping;

import dev.overtime.platform.velocity.JavaScriptEscape;
import com.fasterxml.jackson.core.JsonProcessingException;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** {@code $util}. Stateless; strings are UTF-8. A null argument gives null, which renders as nothing. */
public final class TemplateUtil {
    static final TemplateUtil INSTANCE = new TemplateUtil();


    private TemplateUtil() {
    }

    /**
     * Escapes with JavaScript string rules, as Apache Commons Lang 2's {@code escapeJavaScript} (which API Gateway
     * documents) does: {@code '} becomes {@code \'} (not valid in JSON, hence AWS's advice to
     * {@code .replaceAll("\\'", "'")}), {@code "}, {@code \} and {@code /} are escaped, control characters become
     * {@code \n}, {@code \t}, ... or <code>&#92;u00XX</code>, and every character above U+007F becomes <code>&#92;uXXXX</code>.
     */
    public String escapeJavaScript(Object value) {
        return value == null ? null : JavaScriptEscape.escape(value.toString());
    }

    /** Parses JSON text into an object VTL uses natively, as {@code $input.path} returns. */
    public Object parseJson(String json) {
        if (json == null) {
            return null;
        }
        try {
            return VtlJson.fromNode(VtlJson.MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("$util.parseJson: not JSON: " + e.getOriginalMessage());
        }
    }

    /** {@code application/x-www-form-urlencoded} encoding (a space becomes {@code +}). */
    public String urlEncode(Object value) {
        return value == null ? null : URLEncoder.encode(value.toString(), StandardCharsets.UTF_8);
    }

    /** Decodes {@code application/x-www-form-urlencoded} text. */
    public String urlDecode(Object value) {
        return value == null ? null : URLDecoder.decode(value.toString(), StandardCharsets.UTF_8);
    }

    /** Standard Base64 of the UTF-8 bytes. */
    public String base64Encode(Object value) {
        return value == null ? null
                : Base64.getEncoder().encodeToString(value.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes standard Base64 into UTF-8 text. */
    public String base64Decode(Object value) {
        return value == null ? null
                : new String(Base64.getDecoder().decode(value.toString().strip()), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "$util";
    }
}

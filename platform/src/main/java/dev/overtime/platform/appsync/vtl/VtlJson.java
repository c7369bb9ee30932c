package dev.overtime.platform.appsync.vtl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * JSON as templates see it: parsed into plain Java values ({@link java.util.LinkedHashMap},
 * {@link java.util.ArrayList}, {@link String}, {@link Integer}/{@link Long}/{@link java.math.BigInteger},
 * {@link Double}, {@link Boolean}, null), which VTL uses natively, and written back compactly.
 */
final class VtlJson {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private VtlJson() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Unable to write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** @throws IllegalArgumentException the text is not one JSON value; the message says where and why */
    static Object read(String text) {
        try {
            return MAPPER.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new IllegalArgumentException("Unable to parse the JSON document: '" + e.getOriginalMessage()
                    + "'" + at, e);
        }
    }
}

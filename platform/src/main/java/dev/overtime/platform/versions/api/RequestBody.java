package dev.overtime.platform.versions.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overtime.platform.http.Body;
import dev.overtime.platform.invoke.ApiError;
import dev.overtime.platform.invoke.LambdaApiException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A request's JSON document, with typed reads of its fields. An absent field and a JSON null are
 * the same: not given. A field of the wrong type is rejected rather than guessed.
 */
final class RequestBody {

    private final ObjectNode doc;

    private RequestBody(ObjectNode doc) {
        this.doc = doc;
    }

    /** The body as a JSON object; an empty body is an empty object. */
    static RequestBody parse(ObjectMapper json, Body body) throws LambdaApiException {
        if (body.bytes().length == 0) {
            return new RequestBody(json.createObjectNode());
        }
        JsonNode tree;
        try {
            tree = json.readTree(body.bytes());
        } catch (JsonProcessingException e) {
            throw new LambdaApiException(ApiError.INVALID_REQUEST_CONTENT, "Could not parse request body into json: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new LambdaApiException(ApiError.INVALID_REQUEST_CONTENT, "Could not parse request body into json");
        }
        if (tree == null || tree.isMissingNode()) {
            return new RequestBody(json.createObjectNode());
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new LambdaApiException(ApiError.INVALID_REQUEST_CONTENT,
                    "Could not parse request body into json: the body must be a JSON object");
        }
        return new RequestBody(object);
    }

    boolean has(String field) {
        JsonNode value = doc.get(field);
        return value != null && !value.isNull();
    }

    String text(String field) throws LambdaApiException {
        JsonNode value = doc.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw wrongType(field, "a string");
        }
        return value.asText();
    }

    Integer integer(String field) throws LambdaApiException {
        JsonNode value = doc.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw wrongType(field, "an integer");
        }
        return value.intValue();
    }

    boolean flag(String field) throws LambdaApiException {
        JsonNode value = doc.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw wrongType(field, "a boolean");
        }
        return value.booleanValue();
    }

    /** A list of strings, or null when not given. */
    List<String> texts(String field) throws LambdaApiException {
        JsonNode value = doc.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        List<String> texts = new ArrayList<>();
        if (value.isArray()) {
            for (JsonNode item : value) {
                if (!item.isTextual()) {
                    throw wrongType(field, "a list of strings");
                }
                texts.add(item.asText());
            }
            return texts;
        }
        throw wrongType(field, "a list of strings");
    }

    /** A nested object, or null when not given. */
    ObjectNode object(String field) throws LambdaApiException {
        JsonNode value = doc.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!(value instanceof ObjectNode object)) {
            throw wrongType(field, "an object");
        }
        return object;
    }

    /** A base64 field's bytes, or null when not given. */
    byte[] bytes(String field) throws LambdaApiException {
        JsonNode value = doc.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            if (!value.isTextual()) {
                throw new IOException("not a string");
            }
            return value.binaryValue();
        } catch (IOException | IllegalArgumentException e) {
            throw new LambdaApiException(ApiError.INVALID_REQUEST_CONTENT,
                    "Could not parse request body into json: " + field + " must be base64-encoded bytes");
        }
    }

    static LambdaApiException wrongType(String field, String type) {
        return new LambdaApiException(ApiError.INVALID_REQUEST_CONTENT,
                "Could not parse request body into json: " + field + " must be " + type);
    }
}

package dev.overtime.platform.invoke;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/** Checks that a payload is one JSON document, as Lambda requires, without building a tree. */
final class PayloadValidator {
    private final JsonFactory factory;

    PayloadValidator(JsonFactory factory) {
        this.factory = factory;
    }

    void requireJson(byte[] payload) throws LambdaApiException {
        try (JsonParser parser = factory.createParser(payload)) {
            if (parser.nextToken() == null) {
                throw invalid("No content to map due to end-of-input");
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw invalid("Unexpected content after the JSON value at " + parser.currentLocation().getCharOffset());
            }
        } catch (JsonProcessingException e) {
            throw invalid(e.getOriginalMessage());
        } catch (IOException e) {
            throw invalid(e.getMessage());
        }
    }

    /** True if the client-context JSON is an object. */
    boolean isJsonObject(byte[] json) {
        try (JsonParser parser = factory.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    private static LambdaApiException invalid(String detail) {
        return new LambdaApiException(ApiError.INVALID_REQUEST_CONTENT,
                "Could not parse request body into json: Could not parse payload into json: " + detail);
    }
}

package dev.overtime.platform.apigateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overtime.platform.apigateway.validation.RequestValidator;
import dev.overtime.platform.apigateway.validation.Violation;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A REST method's request validator: required parameters, then the body against the model for its
 * content type. A failure is API Gateway's 400, and, beyond AWS, the list of violations (JSON
 * pointer and reason) so a client can fix its request. The function never runs.
 */
final class RequestChecks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestChecks() {
    }

    static Optional<ApiResponse> check(ServedApi api, RouteTable.Match match, ApiRequest request) {
        ApiRoute route = match.route();
        String name = route.validator() != null ? route.validator() : api.definition().defaultValidator();
        if (name == null) {
            return Optional.empty();
        }
        ApiDefinition.ValidatorSpec spec = api.definition().validators().get(name);
        if (spec == null) {
            return Optional.empty();
        }
        if (spec.validateRequestParameters()) {
            List<String> missing = RequestValidator.missingParameters(route.requiredParameters(),
                    match.pathParameters(), request.multiQuery(), request.multiHeaders());
            if (!missing.isEmpty()) {
                return Optional.of(ApiResponse.message(400, "Missing required request parameters: "
                        + missing, "BadRequestException"));
            }
        }
        if (spec.validateRequestBody()) {
            String model = modelFor(route.requestModels(), request.header("Content-Type"));
            if (model != null) {
                List<Violation> violations = api.validator().validateBody(model, request.body());
                if (!violations.isEmpty()) {
                    return Optional.of(invalidBody(violations));
                }
            }
        }
        return Optional.empty();
    }

    private static String modelFor(Map<String, String> models, String contentType) {
        if (models.isEmpty()) {
            return null;
        }
        String type = contentType == null ? "application/json"
                : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        String model = models.get(type);
        return model != null ? model : models.get("application/json");
    }

    private static ApiResponse invalidBody(List<Violation> violations) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("message", "Invalid request body");
        ArrayNode list = doc.putArray("violations");
        for (Violation v : violations) {
            list.addObject().put("pointer", v.pointer()).put("message", v.message());
        }
        return new ApiResponse(400, List.of(Map.entry("Content-Type", "application/json"),
                Map.entry("x-amzn-ErrorType", "BadRequestException")),
                doc.toString().getBytes(StandardCharsets.UTF_8));
    }
}

package dev.overtime.platform.template;

import dev.overtime.platform.apigateway.ApiDefinition;
import dev.overtime.platform.apigateway.ApiIds;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The API keys a template's {@code ApiKeyRequired} routes accept: the values of its
 * {@code AWS::ApiGateway::ApiKey} resources ({@code Value}, or a stable generated one when the key
 * sets none, as API Gateway generates one), every enabled key on every API, since Overtime does not
 * read usage plans. An API whose routes require a key while the template declares none (SAM's
 * {@code UsagePlan: CreateUsagePlan} makes its key at deploy time) gets one generated key.
 */
final class ApiKeysReader {

    static final String API_KEY = "AWS::ApiGateway::ApiKey";

    private ApiKeysReader() {
    }

    static List<ApiDefinition> withKeys(List<ApiDefinition> apis, Map<String, TemplateResource> resources,
                                        IntrinsicResolver resolver, TemplateContext ctx, List<String> warnings) {
        List<String> declared = new ArrayList<>();
        for (TemplateResource resource : resources.values()) {
            if (!resource.type().equals(API_KEY)) {
                continue;
            }
            boolean enabled = resource.properties().get("Enabled").flatMap(resolver::resolve)
                    .map(v -> Boolean.parseBoolean(PropertyValues.text(v, "true or false"))).orElse(true);
            if (!enabled) {
                warnings.add(resource.logicalId() + ": the API key is not Enabled, so no route accepts it");
                continue;
            }
            declared.add(resource.properties().get("Value").flatMap(resolver::resolve)
                    .map(v -> PropertyValues.text(v, "an API key value of at least 20 characters"))
                    .orElseGet(() -> generated(ctx, resource.logicalId())));
        }
        List<ApiDefinition> keyed = new ArrayList<>();
        for (ApiDefinition api : apis) {
            if (!api.requiresApiKeys()) {
                keyed.add(api);
            } else if (!declared.isEmpty()) {
                keyed.add(api.withApiKeys(declared));
            } else {
                keyed.add(api.withApiKeys(List.of(generated(ctx, api.logicalId()))));
            }
        }
        return keyed;
    }

    /** A key like API Gateway's (40 letters and digits), the same at every load of the stack. */
    private static String generated(TemplateContext ctx, String logicalId) {
        StringBuilder key = new StringBuilder();
        for (int i = 0; key.length() < 40; i++) {
            key.append(ApiIds.of(ctx.stackName(), logicalId, "api-key", Integer.toString(i)));
        }
        return key.substring(0, 40);
    }
}

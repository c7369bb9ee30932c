package dev.overtime.platform.template;

import java.util.Objects;

/**
 * A resource Overtime accepts but does not serve (yet).
 *
 * @param logicalId the template resource id
 * @param type      the resource type, e.g. {@code AWS::Lambda::Url}
 * @param reason    why it is not served, e.g. {@code served once Function URLs land}
 */
public record NotServedResource(String logicalId, String type, String reason) {

    public NotServedResource {
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(reason, "reason");
    }
}

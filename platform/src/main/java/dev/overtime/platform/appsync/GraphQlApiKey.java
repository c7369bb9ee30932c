package dev.overtime.platform.appsync;

import java.util.Objects;

/**
 * An API key: {@code da2-} and 26 lowercase letters and digits, as AppSync's look.
 *
 * @param logicalId       the template's logical id of the key (the SAM key's name for {@code ApiKeys})
 * @param id              the key's value, which is also its id
 * @param description     its {@code Description}, or empty
 * @param expiresEpochSeconds when it stops being accepted (AppSync's {@code Expires}); 0 for 7 days after start
 */
public record GraphQlApiKey(String logicalId, String id, String description, long expiresEpochSeconds) {

    public GraphQlApiKey {
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(id, "id");
        description = description == null ? "" : description;
    }
}

package dev.overtime.platform.security;

import java.nio.file.Path;
import java.util.List;

/**
 * How the platform authenticates callers.
 *
 * @param iamFile     {@code serve --auth iam --iam FILE}: principals and policies; null serves everyone, unchecked
 * @param permissions the template's {@code AWS::Lambda::Permission}s, evaluated beside the principals' policies
 */
public record AuthSettings(Path iamFile, List<FunctionPermission> permissions) {

    /** Nothing is checked, as before {@code --auth} existed. */
    public static final AuthSettings OFF = new AuthSettings(null, List.of());

    public AuthSettings {
        permissions = List.copyOf(permissions);
    }

    public static AuthSettings iam(Path file) {
        return new AuthSettings(file, List.of());
    }

    public boolean enabled() {
        return iamFile != null;
    }

    public AuthSettings withPermissions(List<FunctionPermission> list) {
        return new AuthSettings(iamFile, list);
    }
}

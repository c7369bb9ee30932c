package dev.overtime.platform.environment;

import java.util.List;

/** The Lambda runtime identifiers Overtime runs, grouped by how their process is started. */
public enum RuntimeFamily {
    /** {@code provided*}: an executable {@code bootstrap} in the code is the runtime. */
    PROVIDED(List.of("provided", "provided.al2", "provided.al2023")),
    /** {@code java*}: the Overtime Java runtime on a JDK of that version. */
    JAVA(List.of("java17", "java21", "java25")),
    /** {@code nodejs*}: the Overtime Node runtime client on the machine's {@code node}. */
    NODE(List.of("nodejs18.x", "nodejs20.x", "nodejs22.x"));

    private final List<String> identifiers;

    RuntimeFamily(List<String> identifiers) {
        this.identifiers = identifiers;
    }

    public List<String> identifiers() {
        return identifiers;
    }

    public static RuntimeFamily of(String runtime) {
        for (RuntimeFamily family : values()) {
            if (family.identifiers.contains(runtime)) {
                return family;
            }
        }
        throw new IllegalArgumentException("unsupported runtime " + runtime);
    }

    /** The Java major version of a {@code java*} runtime. */
    public static int javaVersion(String runtime) {
        return Integer.parseInt(runtime.substring("java".length()));
    }
}

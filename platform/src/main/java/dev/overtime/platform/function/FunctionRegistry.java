package dev.overtime.platform.function;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The functions this platform serves, by name, each with its versions, aliases and environment pools. */
public final class FunctionRegistry {

    private final Map<String, DeployedFunction> byName = new LinkedHashMap<>();

    public void add(DeployedFunction function) {
        byName.put(function.name(), function);
    }

    public Optional<DeployedFunction> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Collection<DeployedFunction> all() {
        return byName.values();
    }
}

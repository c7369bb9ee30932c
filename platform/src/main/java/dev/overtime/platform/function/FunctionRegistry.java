package dev.overtime.platform.function;

import dev.overtime.platform.environment.EnvironmentPool;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The functions this platform serves, by name, each with its environment pool. */
public final class FunctionRegistry {

    /** A served function: its definition, its pool and the metadata the read APIs report. */
    public record ServedFunction(FunctionDefinition definition, EnvironmentPool pool, CodeFacts code) {
    }

    private final Map<String, ServedFunction> byName = new LinkedHashMap<>();

    public void add(ServedFunction function) {
        byName.put(function.definition().name(), function);
    }

    public Optional<ServedFunction> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Collection<ServedFunction> all() {
        return byName.values();
    }
}

package dev.overtime.platform.extensions;

import java.util.Set;

/**
 * One registered extension. {@code external} means it is one of the executables in the code's
 * {@code extensions/} folder, a process of its own; otherwise it runs inside the runtime process.
 */
public record Registration(String id, String name, Set<EventType> events, boolean external) {
    boolean wants(EventType type) {
        return events.contains(type);
    }
}

package dev.overtime.platform.apigateway.mapping;

import dev.overtime.platform.apigateway.mapping.TemplateErrors.OverrideRepeated;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code $context.requestOverride} and {@code $context.responseOverride}.
 *
 * <p>These are deliberately not {@link Map}s: Velocity sets a property of a {@code Map} by calling {@code put}
 * directly and lets its exceptions out without a template position, but it calls a {@code put(String, Object)}
 * method reflectively and reports the line and column of the {@code #set}. Both spellings,
 * {@code #set($context.requestOverride.header.X-Amz-Invocation-Type = "Event")} and
 * {@code #set($context.requestOverride.header["X-Amz-Invocation-Type"] = "Event")}, end in {@link Values#put}.
 */
final class Overrides {
    private Overrides() {
    }

    /** One group of overrides, e.g. {@code requestOverride.header}. Every entry may be set once. */
    public static final class Values {
        private final String name;
        private final boolean ignoreCase;
        private final Map<String, String> values = new LinkedHashMap<>();
        private final Map<String, String> spellings;

        Values(String name, boolean ignoreCase) {
            this.name = name;
            this.ignoreCase = ignoreCase;
            this.spellings = ignoreCase ? new LinkedHashMap<>() : null;
        }

        public Object get(String key) {
            return values.get(canonical(key));
        }

        /** Sets an entry; null sets nothing. Throws if the entry is already set. */
        public void put(String key, Object value) {
            if (key == null || value == null) {
                return;
            }
            String canonical = canonical(key);
            if (values.containsKey(canonical)) {
                throw new OverrideRepeated("$context." + name + "." + key
                        + " is already set; overrides are final and may be set once");
            }
            values.put(canonical, String.valueOf(value));
            if (spellings != null) {
                spellings.put(canonical, key);
            }
        }

        public boolean containsKey(String key) {
            return key != null && values.containsKey(canonical(key));
        }

        public Set<String> keySet() {
            return Collections.unmodifiableSet(spellings == null ? values.keySet()
                    : new LinkedHashSet<>(spellings.values()));
        }

        public boolean isEmpty() {
            return values.isEmpty();
        }

        public int size() {
            return values.size();
        }

        /** The entries, spelt as the template first spelt them. */
        Map<String, String> toMap() {
            if (spellings == null) {
                return values;
            }
            Map<String, String> map = new LinkedHashMap<>();
            values.forEach((k, v) -> map.put(spellings.get(k), v));
            return map;
        }

        private String canonical(String key) {
            return ignoreCase ? key.toLowerCase(Locale.ROOT) : key;
        }

        @Override
        public String toString() {
            return toMap().toString();
        }
    }

    /** {@code $context.requestOverride}: {@code header}, {@code querystring} and {@code path}. */
    public static final class Request {
        final Values header = new Values("requestOverride.header", true);
        final Values querystring = new Values("requestOverride.querystring", false);
        final Values path = new Values("requestOverride.path", false);

        public Object get(String key) {
            return switch (key) {
                case "header" -> header;
                case "querystring" -> querystring;
                case "path" -> path;
                default -> null;
            };
        }

        public void put(String key, Object value) {
            throw new UnsupportedOperationException("$context.requestOverride." + key
                    + " cannot be set; set $context.requestOverride.header.<name>, .querystring.<name> or .path.<name>");
        }

        @Override
        public String toString() {
            return "{header=" + header + ", querystring=" + querystring + ", path=" + path + "}";
        }
    }

    /** {@code $context.responseOverride}: {@code header} and {@code status}. */
    public static final class Response {
        final Values header = new Values("responseOverride.header", true);
        Integer status;

        public Object get(String key) {
            return switch (key) {
                case "header" -> header;
                case "status" -> status;
                default -> null;
            };
        }

        /** Sets {@code status} (a number, or a string of one, from 100 to 599), once. */
        public void put(String key, Object value) {
            if (!"status".equals(key)) {
                throw new UnsupportedOperationException("$context.responseOverride." + key
                        + " cannot be set; set $context.responseOverride.status or .header.<name>");
            }
            if (value == null) {
                return;
            }
            if (status != null) {
                throw new OverrideRepeated("$context.responseOverride.status is already set; overrides are final"
                        + " and may be set once");
            }
            int code;
            try {
                code = value instanceof Number n ? Math.toIntExact(n.longValue())
                        : Integer.parseInt(String.valueOf(value).trim());
            } catch (NumberFormatException | ArithmeticException e) {
                throw new IllegalArgumentException("$context.responseOverride.status must be an HTTP status code, not "
                        + value);
            }
            if (code < 100 || code > 599) {
                throw new IllegalArgumentException("$context.responseOverride.status must be from 100 to 599, not "
                        + code);
            }
            status = code;
        }

        @Override
        public String toString() {
            return "{header=" + header + ", status=" + (status == null ? "" : status) + "}";
        }
    }
}

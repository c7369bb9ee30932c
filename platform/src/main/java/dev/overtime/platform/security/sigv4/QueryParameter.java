package dev.overtime.platform.security.sigv4;

import java.util.ArrayList;
import java.util.List;

/** One {@code key=value} of a raw query string, percent-decoded. */
record QueryParameter(String key, String value) {

    static List<QueryParameter> parse(String rawQuery) {
        List<QueryParameter> out = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            out.add(new QueryParameter(UriEncoding.decode(eq < 0 ? pair : pair.substring(0, eq)),
                    eq < 0 ? "" : UriEncoding.decode(pair.substring(eq + 1))));
        }
        return out;
    }

    static String first(List<QueryParameter> parameters, String key) {
        for (QueryParameter p : parameters) {
            if (p.key.equals(key)) {
                return p.value;
            }
        }
        return null;
    }
}

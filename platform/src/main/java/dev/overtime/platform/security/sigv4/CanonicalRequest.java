package dev.overtime.platform.security.sigv4;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * SigV4's canonical request, rebuilt from what arrived. The path is the raw one with its dot-segments
 * removed and then encoded once more, as every AWS SDK signs services other than S3.
 */
final class CanonicalRequest {

    private CanonicalRequest() {
    }

    static String of(SignedRequest request, SignatureParts parts, String payloadHash) {
        StringBuilder out = new StringBuilder(256);
        out.append(request.method()).append('\n');
        out.append(UriEncoding.encode(withoutDotSegments(request.rawPath()), true)).append('\n');
        out.append(query(request.query())).append('\n');
        for (String name : parts.signedHeaders()) {
            out.append(name).append(':');
            appendHeaderValues(out, request.headers().getValuesList(name));
            out.append('\n');
        }
        out.append('\n').append(String.join(";", parts.signedHeaders())).append('\n');
        out.append(payloadHash);
        return out.toString();
    }

    private static String query(List<QueryParameter> parameters) {
        if (parameters.isEmpty()) {
            return "";
        }
        List<String[]> encoded = new ArrayList<>(parameters.size());
        for (QueryParameter p : parameters) {
            if (!p.key().equals("X-Amz-Signature")) {
                encoded.add(new String[]{UriEncoding.encode(p.key(), false), UriEncoding.encode(p.value(), false)});
            }
        }
        encoded.sort((a, b) -> {
            int byKey = a[0].compareTo(b[0]);
            return byKey != 0 ? byKey : a[1].compareTo(b[1]);
        });
        StringBuilder out = new StringBuilder();
        for (String[] p : encoded) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(p[0]).append('=').append(p[1]);
        }
        return out.toString();
    }

    /** Values joined by commas, each trimmed, with runs of spaces inside made one space. */
    private static void appendHeaderValues(StringBuilder out, List<String> values) {
        for (int v = 0; v < values.size(); v++) {
            if (v > 0) {
                out.append(',');
            }
            String value = values.get(v).trim();
            boolean space = false;
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == ' ' || c == '\t') {
                    space = true;
                    continue;
                }
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
    }

    static String withoutDotSegments(String path) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        if (!path.contains("/.")) {
            return path;
        }
        Deque<String> segments = new ArrayDeque<>();
        String[] parts = path.split("/", -1);
        for (int i = 1; i < parts.length; i++) {
            String segment = parts[i];
            if (segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                segments.pollLast();
                continue;
            }
            segments.addLast(segment);
        }
        String last = parts[parts.length - 1];
        StringBuilder out = new StringBuilder();
        for (String segment : segments) {
            out.append('/').append(segment);
        }
        if ((last.equals(".") || last.equals("..")) || out.isEmpty()) {
            out.append('/');
        }
        return out.toString();
    }
}

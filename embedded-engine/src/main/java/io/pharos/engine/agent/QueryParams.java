package io.pharos.engine.agent;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A request's query string, decoded: each name with its values in the order given. */
final class QueryParams {
    private final Map<String, List<String>> values;

    private QueryParams(Map<String, List<String>> values) {
        this.values = values;
    }

    /** @throws IllegalArgumentException when the text is not valid percent-encoding */
    static QueryParams parse(String rawQuery) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                out.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
        }
        return new QueryParams(out);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The query string is not valid percent-encoding: " + e.getMessage());
        }
    }

    /** The value given once, or null when not given. */
    String one(String name) {
        List<String> v = values.get(name);
        if (v == null) {
            return null;
        }
        if (v.size() > 1) {
            throw new AgentServer.BadRequest("'" + name + "' was given " + v.size() + " times; give it once.");
        }
        return v.getFirst();
    }

    /** The value given once, or {@code fallback} when not given. */
    String text(String name, String fallback) {
        String v = one(name);
        return v == null ? fallback : v;
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** A count (0 when not given): a cursor from an earlier answer. */
    int count(String name) {
        String v = one(name);
        if (v == null || v.isEmpty()) {
            return 0;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new AgentServer.BadRequest("'" + name + "' must be a whole number from 0, as an earlier answer's"
                + " 'next' gave it; got '" + Responses.shorten(v) + "'.");
    }

    /** A time in milliseconds since 1970, or {@code fallback} when not given. */
    long millis(String name, long fallback) {
        String v = one(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new AgentServer.BadRequest("'" + name + "' must be milliseconds since 1970 (a whole number), got '"
                    + Responses.shorten(v) + "'.");
        }
    }
}

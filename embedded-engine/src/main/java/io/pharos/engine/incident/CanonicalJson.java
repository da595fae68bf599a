package io.pharos.engine.incident;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The one text form of a JSON value that timeline hashes are computed over: object members sorted
 * by name (UTF-16 order), no white space, integers as integers, other numbers as Java's shortest
 * round-trip form ({@link Double#toString}), strings with only the escapes JSON requires (quote,
 * backslash, control characters as \\uXXXX). Reading stored JSON back and writing it here gives the
 * same text, so the hash can be recomputed from what is stored.
 */
final class CanonicalJson {
    static final String GENESIS = "0".repeat(64);

    private CanonicalJson() {
    }

    static String write(JsonNode node) {
        StringBuilder sb = new StringBuilder(256);
        write(node, sb);
        return sb.toString();
    }

    private static void write(JsonNode node, StringBuilder sb) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            sb.append("null");
        } else if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            sb.append('{');
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                string(names.get(i), sb);
                sb.append(':');
                write(node.get(names.get(i)), sb);
            }
            sb.append('}');
        } else if (node.isArray()) {
            sb.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                write(node.get(i), sb);
            }
            sb.append(']');
        } else if (node.isTextual()) {
            string(node.textValue(), sb);
        } else if (node.isBoolean()) {
            sb.append(node.booleanValue());
        } else if (node.isIntegralNumber()) {
            sb.append(node.bigIntegerValue());
        } else if (node.isNumber()) {
            double d = node.doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("JSON has no " + d);
            }
            sb.append(Double.toString(d));
        } else {
            throw new IllegalArgumentException("cannot write " + node.getNodeType() + " as canonical JSON");
        }
    }

    private static void string(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (Character.isSurrogate(c) && !pairAt(s, i)) {
                        // a lone surrogate has no UTF-8 form: Java writes '?', so two texts would hash alike
                        throw new IllegalArgumentException("the text has a lone surrogate (U+"
                                + HexFormat.of().withUpperCase().toHexDigits(c) + ") at position " + i
                                + ", which is not a character; remove it or retype the text");
                    }
                    if (Character.isHighSurrogate(c)) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static boolean pairAt(String s, int i) {
        return Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }

    /** SHA-256 (lower-case hex) of the previous hash followed by the canonical entry, both as UTF-8. */
    static String chainHash(String prev, String canonicalEntry) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(prev.getBytes(StandardCharsets.UTF_8));
            md.update(canonicalEntry.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

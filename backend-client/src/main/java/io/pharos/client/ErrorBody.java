package io.pharos.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import okhttp3.Response;
import okio.BufferedSource;

/** The message of an error answer ({@code {"error": "..."}} from an agent or a Prometheus), read bounded. */
public final class ErrorBody {
    private static final long MAX_BYTES = 16 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorBody() {
    }

    /** The peer's message, or its text cut to a line, or "" when it has none or it cannot be read. */
    public static String message(Response response) {
        try {
            BufferedSource source = response.body().source();
            source.request(MAX_BYTES);
            long n = Math.min(MAX_BYTES, source.getBuffer().size());
            String text = source.getBuffer().readUtf8(n);
            try {
                JsonNode node = JSON.readTree(text);
                if (node != null && node.path("error").isTextual()) {
                    return printable(node.path("error").asText());
                }
            } catch (IOException notJson) {
                // plain text: shown cut below
            }
            return printable(text);
        } catch (IOException e) {
            return "";
        }
    }

    /** {@code s} on one line without control characters, cut to 300 characters. */
    public static String printable(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length() && out.length() < 300; i++) {
            char c = s.charAt(i);
            out.append(Character.isISOControl(c) ? ' ' : c);
        }
        return out.toString().strip();
    }
}

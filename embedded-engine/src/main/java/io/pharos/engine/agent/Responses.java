package io.pharos.engine.agent;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** How the agent answers: JSON written straight to the connection, errors as {"status", "error"}. */
final class Responses {
    static final JsonFactory JSON = new JsonFactory();

    private Responses() {
    }

    /** Writes a JSON body of unknown length (chunked); returns the status. */
    static int json(HttpExchange exchange, int status, JsonBody body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, 0);
        try (OutputStream out = exchange.getResponseBody();
             JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            body.write(g);
        }
        return status;
    }

    static int error(HttpExchange exchange, int status, String message) throws IOException {
        byte[] bytes;
        var text = new java.io.ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(text, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeNumberField("status", status);
            g.writeStringField("error", message);
            g.writeEndObject();
        }
        bytes = text.toByteArray();
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        return status;
    }

    static int text(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        return status;
    }

    /** A value a client sent, cut for an error message. */
    static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "…";
    }

    /** Writes a JSON value with a sample's value: a number, or "NaN", "+Inf", "-Inf" as Prometheus does. */
    static void value(JsonGenerator g, double v) throws IOException {
        if (Double.isNaN(v)) {
            g.writeString("NaN");
        } else if (Double.isInfinite(v)) {
            g.writeString(v > 0 ? "+Inf" : "-Inf");
        } else {
            g.writeNumber(v);
        }
    }

    @FunctionalInterface
    interface JsonBody {
        void write(JsonGenerator g) throws IOException;
    }
}

package io.pharos.engine.agent;

import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import io.pharos.engine.EngineStatus;
import io.pharos.engine.ingest.SourceStatus;
import io.pharos.engine.model.Matcher;
import io.pharos.engine.model.Sample;
import io.pharos.engine.model.SeriesKey;
import io.pharos.engine.store.SeriesRef;
import io.pharos.engine.store.SeriesSamples;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON endpoints of the agent (docs/agent.md): health, series, raw samples for backfill, the
 * latest figures overall, per region and per host, and the Prometheus text of {@code /metrics}. Each
 * reads the agent's store as it is at the request; none changes anything.
 */
final class AgentApi {
    /** Samples one answer of {@code /samples} holds at most; the rest is asked for with its cursor. */
    static final int MAX_SAMPLES_PER_ANSWER = 1_000_000;
    private static final int MAX_SERIES_LISTED = 100_000;

    private final AgentData data;
    private final AgentOptions options;
    private final long startedAtMs;
    private final SampleStream stream;

    AgentApi(AgentData data, AgentOptions options) {
        this.data = data;
        this.options = options;
        this.startedAtMs = data.clock().millis();
        this.stream = new SampleStream(data, options);
    }

    /**
     * Up, degraded (a source failing) or down (the store not writing: 503); with the token, also what
     * the agent is and holds. Without it, the state only: a load balancer needs no more, and a stranger
     * must not learn the version, the host's labels or its sources' messages.
     */
    int health(HttpExchange exchange, QueryParams params) throws IOException {
        EngineStatus s = data.status().get();
        boolean down = !s.lastError().isEmpty();
        boolean degraded = s.sources().stream()
                .anyMatch(i -> i.status().state() == SourceStatus.State.FAILED);
        String state = down ? "down" : degraded ? "degraded" : "up";
        boolean trusted = options.token().accepts(exchange.getRequestHeaders().getFirst("Authorization"));
        return Responses.json(exchange, down ? 503 : 200, g -> {
            g.writeStartObject();
            g.writeStringField("status", state);
            if (!trusted) {
                g.writeEndObject();
                return;
            }
            g.writeStringField("name", options.name());
            g.writeStringField("version", data.version());
            writeLabels(g, "labels", options.labels());
            g.writeNumberField("startedAtMs", startedAtMs);
            g.writeNumberField("timeMs", data.clock().millis());
            g.writeNumberField("series", s.series());
            g.writeNumberField("samplesCommitted", s.samplesCommitted());
            g.writeStringField("lastError", s.lastError());
            g.writeArrayFieldStart("sources");
            for (EngineStatus.SourceInfo i : s.sources()) {
                g.writeStartObject();
                g.writeStringField("name", i.name());
                g.writeStringField("state", i.status().state().name().toLowerCase(Locale.ROOT));
                g.writeNumberField("lastSampleAtMs", i.status().lastSampleAtMs());
                g.writeStringField("message", i.status().message());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** The series the agent holds, or those of the selectors given. */
    int series(HttpExchange exchange, QueryParams params) throws IOException {
        List<SeriesRef> refs = Selection.of(params).select(data.series());
        return Responses.json(exchange, 200, g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("series");
            int n = Math.min(refs.size(), MAX_SERIES_LISTED);
            for (int i = 0; i < n; i++) {
                g.writeStartObject();
                writeKey(g, refs.get(i).key());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeBooleanField("truncated", refs.size() > n);
            g.writeEndObject();
        });
    }

    /**
     * Raw samples in (from, to] of the matching series, series by series; at most
     * {@link #MAX_SAMPLES_PER_ANSWER} in one answer, then {@code next} is the cursor to ask on with.
     */
    int samples(HttpExchange exchange, QueryParams params) throws IOException {
        long now = data.clock().millis();
        long from = params.millis("from", Long.MIN_VALUE);
        long to = params.millis("to", now);
        if (from == Long.MIN_VALUE) {
            throw new AgentServer.BadRequest("'from' is needed: the samples after that time (milliseconds since 1970)"
                    + " are returned, up to 'to' (default: now).");
        }
        if (from >= to || from < 0 || to > now + 86_400_000L) {
            throw new AgentServer.BadRequest("'from' must be before 'to', both from 1970 up to a day ahead of the"
                    + " agent's clock.");
        }
        int cursor = params.count("cursor");
        List<SeriesRef> refs = Selection.of(params).select(data.series());
        return Responses.json(exchange, 200, g -> {
            g.writeStartObject();
            g.writeNumberField("from", from);
            g.writeNumberField("to", to);
            g.writeArrayFieldStart("series");
            long written = 0;
            int i = cursor;
            for (; i < refs.size() && written < MAX_SAMPLES_PER_ANSWER; i++) {
                SeriesSamples s = data.series().read(refs.get(i), from + 1, to);
                if (s.size() == 0) {
                    continue;
                }
                g.writeStartObject();
                writeKey(g, refs.get(i).key());
                writeSamples(g, s);
                g.writeEndObject();
                written += s.size();
            }
            g.writeEndArray();
            if (i < refs.size()) {
                g.writeNumberField("next", i);
            }
            g.writeEndObject();
        });
    }

    int stream(HttpExchange exchange, QueryParams params) throws IOException {
        return stream.serve(exchange, params);
    }

    /** The newest value of every series, combined per metric: count, sum, mean, least and most. */
    int global(HttpExchange exchange, QueryParams params) throws IOException {
        return latestByMetric(exchange, data.series().select(Selection.everySeries()), "global", "");
    }

    /** As {@link #global}, for the series labelled with one region; every region when none is named. */
    int region(HttpExchange exchange, String region) throws IOException {
        if (region.isEmpty()) {
            return labelValues(exchange, "region", "regions");
        }
        return latestByMetric(exchange, data.series().select(List.of(
                Matcher.eq("region", region))), "region", region);
    }

    /** The newest value of each series of one host; every host when none is named. */
    int host(HttpExchange exchange, String host) throws IOException {
        if (host.isEmpty()) {
            return labelValues(exchange, "host", "hosts");
        }
        List<SeriesRef> refs = data.series().select(List.of(Matcher.eq("host", host)));
        if (refs.isEmpty()) {
            return Responses.error(exchange, 404, "This agent holds no series of host '" + Responses.shorten(host)
                    + "'; " + AgentServer.API + "/metrics/hosts lists those it has.");
        }
        return Responses.json(exchange, 200, g -> {
            g.writeStartObject();
            g.writeStringField("host", host);
            g.writeArrayFieldStart("series");
            for (SeriesRef ref : refs) {
                Sample s = data.series().latest(ref);
                if (s == null) {
                    continue;
                }
                g.writeStartObject();
                writeKey(g, ref.key());
                g.writeNumberField("t", s.timestampMs());
                g.writeFieldName("v");
                Responses.value(g, s.value());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private int latestByMetric(HttpExchange exchange, List<SeriesRef> refs, String scope, String name)
            throws IOException {
        if (refs.isEmpty() && !name.isEmpty()) {
            return Responses.error(exchange, 404, "This agent holds no series of " + scope + " '"
                    + Responses.shorten(name) + "'.");
        }
        Map<String, Figures> byMetric = new TreeMap<>();
        for (SeriesRef ref : refs) {
            Sample s = data.series().latest(ref);
            if (s != null) {
                byMetric.computeIfAbsent(ref.key().metric(), m -> new Figures()).add(s);
            }
        }
        return Responses.json(exchange, 200, g -> {
            g.writeStartObject();
            g.writeStringField("scope", scope);
            if (!name.isEmpty()) {
                g.writeStringField(scope, name);
            }
            g.writeNumberField("timeMs", data.clock().millis());
            g.writeArrayFieldStart("metrics");
            for (var e : byMetric.entrySet()) {
                Figures f = e.getValue();
                g.writeStartObject();
                g.writeStringField("metric", e.getKey());
                g.writeNumberField("series", f.count);
                g.writeFieldName("sum");
                Responses.value(g, f.sum);
                g.writeFieldName("avg");
                Responses.value(g, f.sum / f.count);
                g.writeFieldName("min");
                Responses.value(g, f.min);
                g.writeFieldName("max");
                Responses.value(g, f.max);
                g.writeNumberField("newestMs", f.newestMs);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private int labelValues(HttpExchange exchange, String label, String field) throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        for (SeriesRef ref : data.series().select(List.of(Matcher.regex(label, ".+")))) {
            counts.merge(ref.key().label(label), 1, Integer::sum);
        }
        return Responses.json(exchange, 200, g -> {
            g.writeStartObject();
            g.writeArrayFieldStart(field);
            for (var e : counts.entrySet()) {
                g.writeStartObject();
                g.writeStringField("name", e.getKey());
                g.writeNumberField("series", e.getValue());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** The newest sample of every series in the Prometheus text format, for a Prometheus to scrape. */
    int prometheusText(HttpExchange exchange, QueryParams params) throws IOException {
        List<SeriesRef> refs = new ArrayList<>(data.series().select(Selection.everySeries()));
        refs.sort(Comparator.comparing((SeriesRef r) -> r.key().metric()));
        StringBuilder out = new StringBuilder(refs.size() * 80);
        PrometheusText text = new PrometheusText(out);
        for (SeriesRef ref : refs) {
            Sample s = data.series().latest(ref);
            if (s != null) {
                text.sample(ref.key(), s.timestampMs(), s.value());
            }
        }
        return Responses.text(exchange, 200, PrometheusText.CONTENT_TYPE, out.toString());
    }

    static void writeKey(JsonGenerator g, SeriesKey key) throws IOException {
        g.writeStringField("metric", key.metric());
        writeLabels(g, "labels", key.labels().toMap());
    }

    static void writeLabels(JsonGenerator g, String field, Map<String, String> labels) throws IOException {
        g.writeObjectFieldStart(field);
        for (var e : new TreeMap<>(labels).entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    private static void writeSamples(JsonGenerator g, SeriesSamples s) throws IOException {
        g.writeArrayFieldStart("t");
        for (int j = 0; j < s.size(); j++) {
            g.writeNumber(s.timestamps()[j]);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("v");
        for (int j = 0; j < s.size(); j++) {
            Responses.value(g, s.values()[j]);
        }
        g.writeEndArray();
    }

    private static final class Figures {
        int count;
        double sum;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        long newestMs;

        void add(Sample s) {
            count++;
            sum += s.value();
            min = Math.min(min, s.value());
            max = Math.max(max, s.value());
            newestMs = Math.max(newestMs, s.timestampMs());
        }
    }
}

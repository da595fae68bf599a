package io.pharos.engine.agent;

import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import io.pharos.engine.alerting.Alert;
import io.pharos.engine.forecast.CapacityForecast;
import io.pharos.engine.forecast.CapacityPlan;
import io.pharos.engine.forecast.CapacityPlanner;
import io.pharos.engine.host.HostHealthRule;
import io.pharos.engine.host.HostMetricNames;
import io.pharos.engine.incident.Incident;
import io.pharos.engine.model.Matcher;
import io.pharos.engine.model.Sample;
import io.pharos.engine.pipeline.AlertRow;
import io.pharos.engine.pipeline.AlertingRuntime;
import io.pharos.engine.query.Aggregation;
import io.pharos.engine.query.QueryService;
import io.pharos.engine.query.TimeSeries;
import io.pharos.engine.store.SeriesRef;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The agent's operational endpoints (docs/agent.md): its alerts and incidents (when it runs alerting),
 * the health of its hosts and of the exporters it scrapes, and the capacity forecast of its hosts.
 */
final class OperationsApi {
    private static final int MAX_INCIDENTS = 500;
    private final AgentData data;
    private final HostHealthRule health = HostHealthRule.DEFAULTS;

    OperationsApi(AgentData data) {
        this.data = data;
    }

    /** Its alerts as a console's queue shows them; {@code state=firing} (or pending, resolved) keeps one state. */
    int alerts(HttpExchange exchange, QueryParams params) throws IOException {
        Optional<AlertingRuntime> alerting = data.alerting().get();
        String state = params.text("state", "").toLowerCase(Locale.ROOT);
        if (!state.isEmpty() && !List.of("firing", "pending", "resolved").contains(state)) {
            throw new AgentServer.BadRequest("'state' is firing, pending or resolved.");
        }
        return Responses.json(exchange, 200, g -> {
            g.writeStartObject();
            alertingField(g, alerting);
            g.writeArrayFieldStart("alerts");
            for (AlertRow row : alerting.map(AlertingRuntime::alerts).orElse(List.of())) {
                Alert a = row.alert().alert();
                if (!state.isEmpty() && !a.state().name().toLowerCase(Locale.ROOT).equals(state)) {
                    continue;
                }
                g.writeStartObject();
                g.writeStringField("alertname", row.alert().rule());
                g.writeStringField("group", row.alert().group());
                g.writeStringField("state", a.state().name().toLowerCase(Locale.ROOT));
                AgentApi.writeLabels(g, "labels", a.labels().toMap());
                AgentApi.writeLabels(g, "annotations", row.alert().annotations());
                g.writeNumberField("activeSinceMs", a.activeSinceMs());
                g.writeNumberField("firingSinceMs", a.firingSinceMs());
                g.writeNumberField("resolvedAtMs", a.resolvedAtMs());
                g.writeFieldName("value");
                Responses.value(g, a.lastValue());
                g.writeBooleanField("flapping", a.flapping());
                if (row.mutedBy() != null) {
                    g.writeStringField("mutedBy", row.mutedBy().toString());
                }
                if (row.acknowledgement() != null) {
                    g.writeStringField("owner", row.acknowledgement().owner());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** Its incidents, newest first; {@code open=true} keeps those not resolved or closed. */
    int incidents(HttpExchange exchange, QueryParams params) throws IOException {
        Optional<AlertingRuntime> alerting = data.alerting().get();
        boolean openOnly = params.text("open", "false").equals("true");
        List<Incident> all = new ArrayList<>(alerting.map(a -> openOnly ? a.incidents().openIncidents()
                : a.incidents().list()).orElse(List.of()));
        all.sort(Comparator.comparingLong(Incident::createdAtMs).reversed());
        return Responses.json(exchange, 200, g -> {
            g.writeStartObject();
            alertingField(g, alerting);
            g.writeArrayFieldStart("incidents");
            for (Incident i : all.subList(0, Math.min(all.size(), MAX_INCIDENTS))) {
                g.writeStartObject();
                g.writeStringField("id", i.id());
                g.writeStringField("title", i.title());
                g.writeStringField("severity", i.severity().name());
                g.writeStringField("status", i.status().name().toLowerCase(Locale.ROOT));
                g.writeStringField("commander", i.commander() == null ? "" : i.commander());
                g.writeNumberField("createdAtMs", i.createdAtMs());
                g.writeNumberField("acknowledgedAtMs", i.acknowledgedAtMs());
                g.writeNumberField("resolvedAtMs", i.resolvedAtMs());
                g.writeNumberField("alerts", i.alerts().size());
                g.writeArrayFieldStart("regions");
                for (String r : i.regions()) {
                    g.writeString(r);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeBooleanField("truncated", all.size() > MAX_INCIDENTS);
            g.writeEndObject();
        });
    }

    private static void alertingField(JsonGenerator g, Optional<AlertingRuntime> alerting) throws IOException {
        g.writeStringField("alerting", alerting.isPresent() ? "on" : "off");
        if (alerting.isEmpty()) {
            g.writeStringField("message", "This agent evaluates no rules: start it with --rules FILE (docs/agent.md).");
        }
    }

    /**
     * The health of each host (its newest CPU, memory and fullest file system against {@link HostHealthRule})
     * and of each exporter it scrapes ({@code up}).
     */
    int infrastructure(HttpExchange exchange, QueryParams params) throws IOException {
        long now = data.clock().millis();
        Map<String, double[]> hosts = new TreeMap<>(); // cpu, memory, fullest file system, newest
        for (SeriesRef ref : data.series().select(List.of(Matcher.regex(HostMetricNames.HOST_LABEL, ".+")))) {
            int slot = switch (ref.key().metric()) {
                case HostMetricNames.CPU_UTILIZATION -> 0;
                case HostMetricNames.MEMORY_UTILIZATION -> 1;
                case HostMetricNames.FILESYSTEM_UTILIZATION -> 2;
                default -> -1;
            };
            Sample s = data.series().latest(ref);
            if (s == null) {
                continue;
            }
            double[] f = hosts.computeIfAbsent(ref.key().label(HostMetricNames.HOST_LABEL),
                    h -> new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NEGATIVE_INFINITY});
            f[3] = Math.max(f[3], s.timestampMs());
            if (now - s.timestampMs() >= health.staleAfterMs()) {
                continue; // a figure no longer sent (a mount gone) judges nothing; the host's age says if it is down
            }
            if (slot == 2) {
                f[2] = Double.isNaN(f[2]) ? s.value() : Math.max(f[2], s.value());
            } else if (slot >= 0) {
                f[slot] = s.value();
            }
        }
        List<SeriesRef> targets = data.series().select(List.of(Matcher.metric("up"), Matcher.regex("job", ".+")));
        return Responses.json(exchange, 200, g -> {
            g.writeStartObject();
            g.writeNumberField("timeMs", now);
            g.writeArrayFieldStart("hosts");
            for (var e : hosts.entrySet()) {
                double[] f = e.getValue();
                long newest = f[3] == Double.NEGATIVE_INFINITY ? Long.MIN_VALUE : (long) f[3];
                HostHealthRule.Verdict v = health.judge(new HostHealthRule.Figures(f[0], f[1], f[2], newest), now);
                g.writeStartObject();
                g.writeStringField("host", e.getKey());
                g.writeStringField("health", v.health().name().toLowerCase(Locale.ROOT));
                writeReasons(g, v.reasons());
                writeRatio(g, "cpu", f[0]);
                writeRatio(g, "memory", f[1]);
                writeRatio(g, "fullestFilesystem", f[2]);
                g.writeNumberField("newestSampleMs", newest);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("targets");
            for (SeriesRef ref : targets) {
                Sample s = data.series().latest(ref);
                if (s == null) {
                    continue;
                }
                boolean stale = now - s.timestampMs() >= health.staleAfterMs();
                boolean up = s.value() == 1 && !stale;
                g.writeStartObject();
                g.writeStringField("job", ref.key().label("job"));
                g.writeStringField("instance", String.valueOf(ref.key().label("instance")));
                g.writeStringField("health", up ? "healthy" : "unhealthy");
                writeReasons(g, up ? List.of() : List.of(stale ? "not scraped for " + (now - s.timestampMs()) / 1000
                        + " s" : "its last scrape failed (up 0): see /api/v1/health for why"));
                g.writeNumberField("lastScrapeMs", s.timestampMs());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /**
     * The capacity forecast of each host for CPU and memory from the stored history ({@code days}, 7 by
     * default): the daily peak, its trend, when it runs out (docs/forecasting.md).
     */
    int capacity(HttpExchange exchange, QueryParams params) throws IOException {
        int days = params.count("days") == 0 ? 7 : params.count("days");
        if (days > 90) {
            throw new AgentServer.BadRequest("'days' is 1 to 90.");
        }
        long now = data.clock().millis();
        long from = now - Duration.ofDays(days).toMillis();
        int points = (int) Math.max(1, (now - from) / 600_000); // ten-minute steps, as pharos capacity reads
        QueryService query = new QueryService(data.series());
        CapacityPlan plan = CapacityPlan.defaults();
        List<CapacityForecast> forecasts = new ArrayList<>();
        for (var resource : List.of(Map.entry("cpu", HostMetricNames.CPU_UTILIZATION),
                Map.entry("memory", HostMetricNames.MEMORY_UTILIZATION))) {
            List<TimeSeries> usage = query.aggregate(List.of(Matcher.metric(resource.getValue()),
                    Matcher.regex(HostMetricNames.HOST_LABEL, ".+")), List.of(HostMetricNames.HOST_LABEL),
                    Aggregation.AVG, from, now, points);
            forecasts.addAll(CapacityPlanner.forecastEach(resource.getKey(), usage, host -> 1.0, 1, plan));
        }
        return Responses.json(exchange, 200, g -> {
            g.writeStartObject();
            g.writeNumberField("timeMs", now);
            g.writeNumberField("days", days);
            g.writeArrayFieldStart("forecasts");
            for (CapacityForecast f : forecasts) {
                g.writeStartObject();
                g.writeStringField("resource", f.resource());
                g.writeStringField("host", String.valueOf(f.group().get(HostMetricNames.HOST_LABEL)));
                writeRatio(g, "peakUtilisation", f.peakUtilisation());
                g.writeFieldName("growthPerDay");
                Responses.value(g, f.growthPerDay());
                if (f.timeToExhaustion().isPresent()) {
                    g.writeNumberField("exhaustedInSeconds", f.timeToExhaustion().get().toSeconds());
                }
                if (f.timeToHeadroom().isPresent()) {
                    g.writeNumberField("headroomGoneInSeconds", f.timeToHeadroom().get().toSeconds());
                }
                g.writeStringField("explanation", f.explanation());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void writeRatio(JsonGenerator g, String field, double v) throws IOException {
        g.writeFieldName(field);
        Responses.value(g, v);
    }

    private static void writeReasons(JsonGenerator g, List<String> reasons) throws IOException {
        g.writeArrayFieldStart("reasons");
        for (String r : reasons) {
            g.writeString(r);
        }
        g.writeEndArray();
    }
}

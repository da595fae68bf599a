package io.pharos.engine.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.pharos.engine.alerting.Acknowledgements;
import io.pharos.engine.alerting.Alert;
import io.pharos.engine.alerting.AlertState;
import io.pharos.engine.alerting.Muter;
import io.pharos.engine.model.Labels;
import io.pharos.engine.pipeline.AlertRow;
import io.pharos.engine.rules.RuleAlert;
import io.pharos.engine.store.PrintableText;
import io.pharos.engine.store.StateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The alert queue as the console showed it at export, one record per alert (kind {@value #KIND}, key
 * the rule's group and name and the alert's labels): its state and times, its rendered annotations,
 * what muted it and who had acknowledged it. The queue is kept as shown rather than recomputed from
 * the lifecycles because its annotations are rendered from templates and its muting depends on the
 * inhibitions in force, neither of which a reader should have to re-run.
 */
public final class SnapshotQueue {
    public static final String KIND = "snapshot.alert";
    /** More than a queue ever holds (the reference fleet's worst outage: a few thousand). */
    static final int MAX_ROWS = 100_000;
    static final int MAX_ENTRIES = 200;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SnapshotQueue.class);
    private static final ObjectMapper JSON = JsonMapper.builder(ManifestJson.bounded()).build();

    private SnapshotQueue() {
    }

    private record MutedJson(Muter.MuteReason.Kind kind, String id, String description) {
    }

    private record AckJson(String owner, long atMs, long untilMs) {
    }

    private record RowJson(String group, String rule, Map<String, String> labels, AlertState state, long activeSinceMs,
                           long firingSinceMs, long resolvedAtMs, Double lastValue, boolean flapping,
                           Map<String, String> annotations, MutedJson mutedBy, AckJson acknowledgement) {
    }

    /** The records of {@code rows}; two alerts of one key (never, as the engine keys them) keep the first. */
    static List<StateStore.Record> records(List<AlertRow> rows, long nowMs) {
        Map<String, StateStore.Record> out = new java.util.TreeMap<>();
        for (AlertRow r : rows) {
            Alert a = r.alert().alert();
            Muter.MuteReason m = r.mutedBy();
            Acknowledgements.Ack k = r.acknowledgement();
            RowJson j = new RowJson(r.alert().group(), r.alert().rule(), a.labels().toMap(), a.state(),
                    a.activeSinceMs(), a.firingSinceMs(), a.resolvedAtMs(),
                    Double.isFinite(a.lastValue()) ? a.lastValue() : null, a.flapping(),
                    new java.util.TreeMap<>(r.alert().annotations()),
                    m == null ? null : new MutedJson(m.kind(), m.id(), m.description()),
                    k == null ? null : new AckJson(k.owner(), k.atMs(), k.untilMs()));
            String key = key(r);
            out.putIfAbsent(key, new StateStore.Record(KIND, key, nowMs, write(j)));
        }
        return List.copyOf(out.values());
    }

    private static String key(AlertRow r) {
        return r.alert().group() + "/" + r.alert().rule() + " " + r.alert().alert().labels();
    }

    /** The queue a snapshot holds, in the order of its keys; a record that cannot be read is logged and skipped. */
    static List<AlertRow> read(StateStore.Reader reader, String where) {
        List<AlertRow> out = new ArrayList<>();
        for (StateStore.Record rec : reader.list(KIND)) {
            if (out.size() >= MAX_ROWS) {
                LOG.warn("{} holds more than {} alerts in its queue; the rest are left out", where, MAX_ROWS);
                break;
            }
            try {
                RowJson j = JSON.readValue(rec.body(), RowJson.class);
                if (j.state() == null || j.labels() == null || j.rule() == null || j.group() == null) {
                    throw new IllegalArgumentException("state, labels, rule and group are required");
                }
                if (j.labels().size() > MAX_ENTRIES || j.annotations() != null && j.annotations().size() > MAX_ENTRIES) {
                    throw new IllegalArgumentException("more than " + MAX_ENTRIES + " labels or annotations");
                }
                Alert a = new Alert(Labels.of(j.labels()), j.state(), j.activeSinceMs(), j.firingSinceMs(),
                        j.resolvedAtMs(), j.lastValue() == null ? Double.NaN : j.lastValue(), j.flapping());
                MutedJson m = j.mutedBy();
                AckJson k = j.acknowledgement();
                // Text only shown is kept printable: a line separator or a direction override from the file
                // must not fake lines or reorder what the queue says. Labels stay as they are: they are data.
                Map<String, String> annotations = new java.util.TreeMap<>();
                if (j.annotations() != null) {
                    j.annotations().forEach((key, v) -> annotations.put(key, text(v)));
                }
                out.add(new AlertRow(new RuleAlert(j.rule(), j.group(), a, annotations),
                        m == null || m.kind() == null ? null : new Muter.MuteReason(m.kind(), text(m.id()),
                                text(m.description())),
                        k == null ? null : new Acknowledgements.Ack(text(k.owner()), k.atMs(), k.untilMs())));
            } catch (JsonProcessingException | RuntimeException e) {
                LOG.warn("An alert of the queue in {} cannot be read and is skipped: {}", where,
                        PrintableText.of(e.getMessage(), 300));
            }
        }
        return out;
    }

    private static String text(String s) {
        return s == null ? "" : PrintableText.of(s, 4_000);
    }

    private static String write(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings and numbers always serialise", e);
        }
    }
}

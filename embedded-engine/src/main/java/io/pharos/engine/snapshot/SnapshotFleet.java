package io.pharos.engine.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pharos.engine.fleet.FleetAdjustment;
import io.pharos.engine.fleet.FleetRegion;
import io.pharos.engine.fleet.FleetService;
import io.pharos.engine.store.PrintableText;
import io.pharos.engine.store.StateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The simulated fleet's adjustments up to a snapshot's end (kind {@value #KIND}, key {@value #KEY}):
 * the scaling, throttling, fail-overs and clean-ups that automated responses made, which the regional
 * screen shows as events and from which it computes the load balancer's weights. JSON, an array of
 * {@code type} ("add-hosts", "throttle", "fail-over", "clean-up"), {@code region}, {@code fromMs} and
 * the type's own fields. Written only when the simulated fleet ran at export; absent, the screen says
 * the weights are unknown.
 */
public final class SnapshotFleet {
    public static final String KIND = "snapshot.fleet";
    public static final String KEY = "adjustments";
    static final int MAX_ADJUSTMENTS = 5_000;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SnapshotFleet.class);
    private static final ObjectMapper JSON = JsonMapper.builder(ManifestJson.bounded()).build();

    private SnapshotFleet() {
    }

    /** The record of the adjustments in force by {@code toMs} (the newest {@value #MAX_ADJUSTMENTS}). */
    static StateStore.Record record(List<FleetAdjustment> all, long toMs, long nowMs) {
        List<FleetAdjustment> kept = all.stream().filter(a -> a.fromMs() <= toMs).toList();
        kept = kept.subList(Math.max(0, kept.size() - MAX_ADJUSTMENTS), kept.size());
        ArrayNode doc = JSON.createArrayNode();
        for (FleetAdjustment a : kept) {
            ObjectNode n = doc.addObject();
            n.put("region", a.region().name());
            n.put("fromMs", a.fromMs());
            switch (a) {
                case FleetAdjustment.AddHosts h -> n.put("type", "add-hosts").put("service", h.service().name())
                        .put("hosts", h.hosts());
                case FleetAdjustment.Throttle t -> n.put("type", "throttle").put("share", t.share());
                case FleetAdjustment.FailOver f -> n.put("type", "fail-over").put("to", f.to().name())
                        .put("share", f.share());
                case FleetAdjustment.CleanUp c -> n.put("type", "clean-up").put("kind", c.kind().name());
            }
        }
        try {
            return new StateStore.Record(KIND, KEY, nowMs, JSON.writeValueAsString(doc));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }

    /** The adjustments a snapshot holds; empty when it holds none (no fleet ran) or they cannot be read. */
    static Optional<List<FleetAdjustment>> read(StateStore.Reader reader, String where) {
        return reader.get(KIND, KEY).flatMap(rec -> {
            try {
                JsonNode doc = JSON.readTree(rec.body());
                if (!doc.isArray() || doc.size() > MAX_ADJUSTMENTS) {
                    throw new IllegalArgumentException("not a list of at most " + MAX_ADJUSTMENTS);
                }
                List<FleetAdjustment> out = new ArrayList<>();
                for (JsonNode n : doc) {
                    FleetRegion region = FleetRegion.valueOf(n.path("region").asText());
                    long from = n.path("fromMs").asLong();
                    out.add(switch (n.path("type").asText()) {
                        case "add-hosts" -> new FleetAdjustment.AddHosts(region,
                                FleetService.valueOf(n.path("service").asText()), n.path("hosts").asInt(), from);
                        case "throttle" -> new FleetAdjustment.Throttle(region, n.path("share").asDouble(), from);
                        case "fail-over" -> new FleetAdjustment.FailOver(region,
                                FleetRegion.valueOf(n.path("to").asText()), n.path("share").asDouble(), from);
                        case "clean-up" -> new FleetAdjustment.CleanUp(region,
                                FleetAdjustment.Cleanup.valueOf(n.path("kind").asText()), from);
                        default -> throw new IllegalArgumentException("an adjustment of an unknown type");
                    });
                }
                return Optional.of(List.copyOf(out));
            } catch (JsonProcessingException | RuntimeException e) {
                LOG.warn("The fleet's adjustments in {} cannot be read; its regional screen shows no events: {}",
                        where, PrintableText.of(e.getMessage(), 300));
                return Optional.empty();
            }
        });
    }
}

package io.pharos.engine.fleet;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The kinds of what-if scenarios, with the name used in scenario files and what the magnitude means. */
public enum ScenarioKind {
    /** Requests fail and fewer arrive; magnitude is the share of requests that fail (0..1]. */
    REGION_OUTAGE("region-outage", 0.9, "share of requests that fail, above 0 and at most 1"),
    /** Demand is multiplied; beyond capacity the excess is shed as errors. */
    TRAFFIC_SURGE("traffic-surge", 10, "traffic multiplier, above 0"),
    /** Memory climbs linearly from the start until the scenario ends (a restart). */
    MEMORY_LEAK("memory-leak", 0.1, "memory utilisation ratio added per hour, above 0"),
    /**
     * Latency percentiles are multiplied: at once, or with a {@code ramp} growing linearly from no
     * change to the full multiplier (a slow degradation).
     */
    LATENCY_DEGRADATION("latency-degradation", 5, "latency multiplier, above 0"),
    /** Cost series are multiplied. */
    COST_SPIKE("cost-spike", 3, "cost multiplier, above 0"),
    /**
     * Demand grows steadily from the start: by the magnitude (a share of the normal traffic) every
     * hour, linearly, until the scenario ends; beyond capacity the excess is shed as errors.
     */
    TRAFFIC_GROWTH("traffic-growth", 0.1, "share of the normal traffic added per hour, above 0");

    private final String id;
    private final double defaultMagnitude;
    private final String magnitudeMeaning;

    ScenarioKind(String id, double defaultMagnitude, String magnitudeMeaning) {
        this.id = id;
        this.defaultMagnitude = defaultMagnitude;
        this.magnitudeMeaning = magnitudeMeaning;
    }

    /** The name in scenario files, e.g. "traffic-surge". */
    public String id() {
        return id;
    }

    public double defaultMagnitude() {
        return defaultMagnitude;
    }

    public String magnitudeMeaning() {
        return magnitudeMeaning;
    }

    /**
     * Whether a scenario of this kind may take a {@code ramp}: kinds whose magnitude is a level (a
     * multiplier, a share of failing requests). Memory leaks and traffic growth are rates already.
     */
    public boolean rampable() {
        return this != MEMORY_LEAK && this != TRAFFIC_GROWTH;
    }

    boolean validMagnitude(double m) {
        return m > 0 && Double.isFinite(m) && (this != REGION_OUTAGE || m <= 1);
    }

    public static ScenarioKind byId(String id) {
        for (ScenarioKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown scenario type '" + id + "'; known types: " + ids());
    }

    static String ids() {
        return Arrays.stream(values()).map(ScenarioKind::id).collect(Collectors.joining(", "));
    }
}

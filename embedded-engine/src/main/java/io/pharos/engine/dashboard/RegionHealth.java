package io.pharos.engine.dashboard;

import java.util.List;
import java.util.Objects;

/**
 * One region on the map: its health now with the reasons (e.g. "success rate 0.93 &lt; 0.95"), and its
 * main figures.
 *
 * @param provider  the {@code provider} label of its series ("aws"), "" when they carry none
 * @param simulated its figures come from simulated series
 */
public record RegionHealth(String region, String provider, Health health, List<String> reasons,
                           RegionFigures figures, boolean simulated) {
    public RegionHealth {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(health, "health");
        reasons = List.copyOf(reasons);
        Objects.requireNonNull(figures, "figures");
    }
}

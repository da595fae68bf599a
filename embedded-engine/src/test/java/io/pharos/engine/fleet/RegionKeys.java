package io.pharos.engine.fleet;

import io.pharos.engine.model.SeriesKey;

/** Builds the keys of region-level series the way the fleet labels them, for tests to look them up. */
final class RegionKeys {
    private RegionKeys() {
    }

    static SeriesKey region(RegionMetric metric, FleetRegion region) {
        return SeriesKey.of(metric.metricName(), "region", region.id(), "provider", region.provider().label(),
                SeriesKey.SOURCE_LABEL, SeriesKey.SIMULATED);
    }

    static SeriesKey perService(RegionMetric metric, FleetRegion region, FleetService service) {
        return SeriesKey.of(metric.metricName(), "region", region.id(), "provider", region.provider().label(),
                "service", service.id(), SeriesKey.SOURCE_LABEL, SeriesKey.SIMULATED);
    }

    static SeriesKey cost(FleetRegion region, CostResource resource) {
        return SeriesKey.of(RegionMetric.COST.metricName(), "region", region.id(), "provider", region.provider().label(),
                "resource", resource.label(), SeriesKey.SOURCE_LABEL, SeriesKey.SIMULATED);
    }
}

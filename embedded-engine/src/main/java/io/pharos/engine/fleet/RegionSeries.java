package io.pharos.engine.fleet;

import io.pharos.engine.model.SeriesKey;

/**
 * One region-level series and its precomputed constants.
 *
 * @param service the service of a per-service series, else null
 * @param resource the resource of a cost series, else null
 * @param groupSalt salt shared by the series of one (region, service), so success and error ratio
 *                  add up to exactly 1
 */
record RegionSeries(SeriesKey key, RegionMetric metric, FleetRegion region, FleetService service,
        CostResource resource, long seriesSalt, long groupSalt) {
}

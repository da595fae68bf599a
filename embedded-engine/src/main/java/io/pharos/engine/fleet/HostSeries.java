package io.pharos.engine.fleet;

import io.pharos.engine.model.SeriesKey;

/**
 * One host metric series and its precomputed constants, so a sample costs only a few hash and
 * arithmetic operations.
 *
 * @param hostFactor the host's share of its service's load relative to the mean (0.85..1.15)
 * @param hostSalt noise salt shared by the host's metrics, so they wander together
 * @param seriesSalt noise salt of this series alone (its jitter)
 * @param rotationPhaseMs where in its daily log-rotation cycle the host's disk is at midnight UTC
 */
record HostSeries(SeriesKey key, HostMetric metric, FleetRegion region, FleetService service, double hostFactor,
        long hostSalt, long seriesSalt, long rotationPhaseMs) {
}

package io.pharos.engine;

import io.pharos.engine.ingest.SourceStatus;
import java.util.List;

/**
 * What the engine is doing at one moment: sources, series, ingest rate, store size, last error, and
 * alerting (null while alerting is not running).
 */
public record EngineStatus(long atMs, List<SourceInfo> sources, int series, long samplesCommitted,
                           double ingestRatePerSecond, long samplesQueued, long headBytes, long storeFileBytes,
                           String lastError, io.pharos.engine.pipeline.AlertingStatus alerting) {

    public record SourceInfo(String name, boolean simulated, SourceStatus status) {
    }
}

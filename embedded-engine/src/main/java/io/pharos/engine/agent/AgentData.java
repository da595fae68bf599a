package io.pharos.engine.agent;

import io.pharos.engine.EngineStatus;
import io.pharos.engine.store.SeriesReader;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the agent's API reads: the agent's store, the feed of its commits for the streams, the engine's
 * status for health, and its clock.
 */
public record AgentData(SeriesReader series, SampleFeed feed, Supplier<EngineStatus> status, Clock clock,
                        String version) {

    public AgentData {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(feed, "feed");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(version, "version");
    }
}

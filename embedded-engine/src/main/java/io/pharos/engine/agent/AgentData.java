package io.pharos.engine.agent;

import io.pharos.engine.pipeline.AlertingRuntime;
import java.util.Optional;
import io.pharos.engine.EngineStatus;
import io.pharos.engine.store.SeriesReader;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the agent's API reads: the agent's store, the feed of its commits for the streams, the engine's
 * status for health, its clock, and its alerting (alerts, incidents) when it evaluates rules.
 */
public record AgentData(SeriesReader series, SampleFeed feed, Supplier<EngineStatus> status, Clock clock,
                        String version, Supplier<Optional<AlertingRuntime>> alerting) {

    /** Without alerting: the alerts and incidents endpoints say the agent evaluates no rules. */
    public AgentData(SeriesReader series, SampleFeed feed, Supplier<EngineStatus> status, Clock clock, String version) {
        this(series, feed, status, clock, version, Optional::empty);
    }

    public AgentData {
        Objects.requireNonNull(alerting, "alerting");
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(feed, "feed");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(version, "version");
    }
}

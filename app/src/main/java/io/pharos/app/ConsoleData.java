package io.pharos.app;

import io.pharos.engine.EngineStatus;
import io.pharos.engine.PharosEngine;
import io.pharos.engine.dashboard.DashboardService;
import io.pharos.engine.dashboard.IncidentSource;
import io.pharos.engine.fleet.FleetAdjustment;
import io.pharos.engine.fleet.ReferenceFleet;
import io.pharos.engine.incident.FleetImpactEstimator;
import io.pharos.engine.incident.Impact;
import io.pharos.engine.incident.Incident;
import io.pharos.engine.pipeline.AlertingRuntime;
import io.pharos.engine.pipeline.AlertingState;
import io.pharos.engine.query.QueryService;
import io.pharos.engine.snapshot.OpenedSnapshot;
import io.pharos.views.common.TaskExecutor;
import io.pharos.views.incidents.IncidentsViewModel;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * What the console's screens read and act on: the live engine, or a snapshot opened read-only. The
 * window is wired once over this ({@link ConsoleWindow}); only what differs between the two is here.
 */
interface ConsoleData {
    QueryService query();

    /** The engine's status, or the snapshot's (its sources recorded); read off the UI thread. */
    EngineStatus status();

    /** Empty when alerting is off; a state without a runtime (a snapshot's) is shown read-only. */
    Optional<? extends AlertingState> alerting();

    /** The incidents the executive figures count. */
    IncidentSource incidentSource();

    /** The executive figures: computed from the engine, or a snapshot's as recorded at export. */
    default DashboardService dashboard() {
        return new DashboardService(query(), incidentSource());
    }

    /** The incident screen's model: the service to work incidents with, or a snapshot's to read. */
    IncidentsViewModel incidents(TaskExecutor executor, Clock clock, String actor, Path postmortems);

    /** The simulated fleet's scaling and weights for the regional screen; null when there are none to show. */
    Supplier<List<FleetAdjustment>> adjustments();

    /** The live engine, with the simulated fleet when it runs (null otherwise). */
    record Live(PharosEngine engine, ReferenceFleet fleet) implements ConsoleData {
        @Override
        public QueryService query() {
            return engine.query();
        }

        @Override
        public EngineStatus status() {
            return engine.status();
        }

        @Override
        public Optional<AlertingRuntime> alerting() {
            return engine.alerting();
        }

        @Override
        public IncidentSource incidentSource() {
            return engine.alerting().<IncidentSource>map(a -> a.incidents()::list).orElse(IncidentSource.NOT_TRACKED);
        }

        @Override
        public IncidentsViewModel incidents(TaskExecutor executor, Clock clock, String actor, Path postmortems) {
            var alerting = engine.alerting();
            FleetImpactEstimator estimator = fleet == null ? null : new FleetImpactEstimator(fleet);
            BiFunction<Incident, Long, Impact> impact = (incident, now) -> estimator != null
                    ? estimator.estimate(incident, now)
                    : Impact.given(incident.startMs(), incident.endMs(now), Double.NaN, Double.NaN, Double.NaN,
                            "not estimated: no simulated fleet, and no figures were given");
            return new IncidentsViewModel(alerting.map(AlertingRuntime::incidents).orElse(null),
                    alerting.flatMap(AlertingRuntime::responses).orElse(null), impact, executor, clock, actor,
                    postmortems);
        }

        @Override
        public Supplier<List<FleetAdjustment>> adjustments() {
            return fleet == null ? null : fleet::adjustments;
        }
    }

    /** A snapshot, read-only: what it holds as of its range's end. */
    record Snapshot(OpenedSnapshot snapshot) implements ConsoleData {
        @Override
        public QueryService query() {
            return snapshot.query();
        }

        @Override
        public EngineStatus status() {
            return snapshot.status();
        }

        @Override
        public Optional<AlertingState> alerting() {
            return Optional.of(snapshot.alerting());
        }

        @Override
        public IncidentSource incidentSource() {
            List<Incident> incidents = snapshot.incidents();
            return () -> incidents;
        }

        @Override
        public DashboardService dashboard() {
            return snapshot.dashboard();
        }

        @Override
        public IncidentsViewModel incidents(TaskExecutor executor, Clock clock, String actor, Path postmortems) {
            BiFunction<Incident, Long, Impact> impact = (incident, now) -> Impact.given(incident.startMs(),
                    incident.endMs(now), Double.NaN, Double.NaN, Double.NaN,
                    "not estimated: a snapshot holds no simulated fleet to estimate it with");
            return IncidentsViewModel.readOnly(snapshot.incidentReader(), impact, executor, clock, actor, postmortems);
        }

        @Override
        public Supplier<List<FleetAdjustment>> adjustments() {
            // Null when the fleet did not run at export: the regional screen then says the weights are unknown.
            return snapshot.adjustments().<Supplier<List<FleetAdjustment>>>map(a -> () -> a).orElse(null);
        }
    }
}

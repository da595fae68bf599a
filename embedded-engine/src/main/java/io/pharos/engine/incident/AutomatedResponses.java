package io.pharos.engine.incident;

import io.pharos.engine.fleet.ReferenceFleet;
import io.pharos.engine.rules.SeriesSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How automated responses act, chosen at start: with a command configured, on real systems (the
 * command carries actions out, {@link StoreResponseMetrics} reads their effect); without one while the
 * simulated reference fleet runs, on the simulation; otherwise there are none. Opening them also puts
 * the simulation back as succeeded actions left it and records actions a crash interrupted as failed.
 */
public final class AutomatedResponses {
    private static final Logger LOG = LoggerFactory.getLogger(AutomatedResponses.class);

    private final ResponseConfig config;
    private final ReferenceFleet fleet;

    /** {@code fleet}: the simulated reference fleet when it runs, else null. */
    public AutomatedResponses(ResponseConfig config, ReferenceFleet fleet) {
        this.config = Objects.requireNonNull(config, "config");
        this.fleet = fleet;
    }

    /** No command and no fleet: no automated responses. */
    public static AutomatedResponses none() {
        return new AutomatedResponses(ResponseConfig.defaults(), null);
    }

    /**
     * Builds the response service over {@code incidents} (empty when there is nothing to act on),
     * restores the simulation and recovers interrupted actions. {@code series} is what the metrics of
     * real systems are read from.
     */
    public Optional<ResponseService> open(IncidentService incidents, SeriesSource series) {
        ResponseService service;
        if (config.hasCommand()) {
            CommandActionExecutor executor = new CommandActionExecutor(config.command(), config.timeout(),
                    CommandActionExecutor.DEFAULT_MAX_OUTPUT);
            service = new ResponseService(incidents, config.policy(), executor,
                    new StoreResponseMetrics(series, config.queries()));
            LOG.info("Automated responses act on real systems: {} carries actions out, metrics are read from the"
                    + " store", executor.name());
        } else if (fleet != null) {
            service = new ResponseService(incidents, config.policy(), new FleetActionExecutor(fleet),
                    new FleetResponseMetrics(fleet));
            LOG.info("Automated responses act on the simulated reference fleet (no response command is configured)");
            if (!config.queries().equals(ResponseConfig.defaults().queries())) {
                LOG.warn("The metric queries of the responses file are not used: they read real systems, and without"
                        + " a command actions act on the simulated fleet");
            }
        } else {
            LOG.info("No automated responses: no response command is configured (--responses FILE) and the"
                    + " simulated reference fleet does not run");
            return Optional.empty();
        }
        if (fleet != null) {
            // also with a command: the simulation keeps running beside the real systems and should
            // show what the simulated actions of earlier runs did to it
            int restored = new FleetActionExecutor(fleet).restore(incidents, service);
            if (restored > 0) {
                LOG.info("Put back {} succeeded simulated action(s) on the reference fleet", restored);
            }
        }
        List<ActionRecord> failed = service.recover(IncidentService.SYSTEM_ACTOR);
        for (ActionRecord r : failed) {
            LOG.warn("Action {} of {} ({}) did not finish before Pharos stopped; recorded as failed: {}", r.id(),
                    r.incidentId(), r.action().describe(), r.error());
        }
        return Optional.of(service);
    }
}

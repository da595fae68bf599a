/**
 * Incidents: lifecycle, an append-only hash-chained timeline, automated responses within policy
 * limits, and postmortems. Everything is kept in the state file beside the store
 * ({@link io.pharos.engine.store.StateStore}) and is back after a restart or a kill -9.
 *
 * <h2>Wiring (a few lines)</h2>
 * <pre>{@code
 * StateStore state = StateStore.open(dataDir);
 * IncidentService incidents = new IncidentService(state, InstantSource.system(), IncidentPolicy.defaults());
 * // automated responses on the simulated fleet ...
 * ResponseService responses = new ResponseService(incidents, ResponsePolicy.defaults(),
 *         new FleetActionExecutor(fleet), new FleetResponseMetrics(fleet));
 * // ... or on real systems: new CommandActionExecutor(List.of("/usr/local/bin/pharos-respond"))
 * responses.recover("pharos");                         // actions a crash interrupted
 * fleetExecutor.restore(incidents, responses);          // the simulation as succeeded actions left it
 * // the engine does all of the above from the responses file (a command, or the fleet when it runs):
 * Optional<ResponseService> chosen = new AutomatedResponses(ResponseConfigFile.load(file), fleetOrNull)
 *         .open(incidents, seriesSource);
 * incidents.onAlerts(alertLifecycle.alerts());          // after each evaluation: critical alerts open incidents
 * String md = PostmortemMarkdown.export(incidents, "INC-1",
 *         new FleetImpactEstimator(fleet).estimate(incidents.require("INC-1"), clock.millis()));
 * }</pre>
 *
 * <h2>Pieces</h2>
 * <ul>
 * <li>{@link io.pharos.engine.incident.IncidentService}: create (by hand, or from
 *     {@link io.pharos.engine.alerting.Alert}s by {@link io.pharos.engine.incident.IncidentPolicy}),
 *     the lifecycle ({@link io.pharos.engine.incident.IncidentStatus}: triggered → acknowledged →
 *     mitigating → resolved → closed; illegal moves throw
 *     {@link io.pharos.engine.incident.IllegalTransitionException}), severity, commander, notes,
 *     alerts, runbooks, regions, postmortem; {@code timeline(id)} and {@code verify(id)}.</li>
 * <li>{@link io.pharos.engine.incident.TimelineEntry}: kind, actor, time, text, JSON data, chained by
 *     SHA-256 over the previous hash and the entry's canonical JSON;
 *     {@link io.pharos.engine.incident.ChainVerification} names the first entry that does not verify.</li>
 * <li>{@link io.pharos.engine.incident.ResponseService}: propose a
 *     {@link io.pharos.engine.incident.ResponseAction} (scale compute, throttle traffic, clean up
 *     resources, fail a region over) with its {@link io.pharos.engine.incident.ExpectedEffect}, check
 *     it against the {@link io.pharos.engine.incident.ResponsePolicy}, approve or reject, run it through
 *     an {@link io.pharos.engine.incident.ActionExecutor} and record the
 *     {@link io.pharos.engine.incident.ResponseMetrics} before and after in the timeline.
 *     {@link io.pharos.engine.incident.AutomatedResponses} chooses, at start, between a configured
 *     command with {@link io.pharos.engine.incident.StoreResponseMetrics} (PromQL over the store,
 *     {@link io.pharos.engine.incident.ResponseQueries}), the simulated fleet, or none, as the
 *     {@link io.pharos.engine.incident.ResponseConfigFile responses file} says.</li>
 * <li>{@link io.pharos.engine.incident.PostmortemMarkdown}: the postmortem as Markdown, with an
 *     {@link io.pharos.engine.incident.Impact} (from {@link io.pharos.engine.incident.FleetImpactEstimator}
 *     on the simulated fleet, or figures people give).</li>
 * </ul>
 *
 * <p>Nothing here reads the wall clock: times come from the {@link java.time.InstantSource} given to
 * {@link io.pharos.engine.incident.IncidentService}. {@code propose} and {@code approve} run actions
 * on the calling thread (a command may take up to its timeout): call them off the UI thread.
 */
package io.pharos.engine.incident;

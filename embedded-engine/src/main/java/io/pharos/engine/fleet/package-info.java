/**
 * The simulated reference fleet: six regions on three clouds, hosts of several services, 20 metrics
 * per host and region-level business series, all labelled {@code source="simulated"}, for demos,
 * tests and what-if analysis.
 *
 * <p>{@link io.pharos.engine.fleet.ReferenceFleet} is the model (series and a pure value function);
 * {@link io.pharos.engine.fleet.ReferenceFleetSource} streams it in real time;
 * {@link io.pharos.engine.fleet.FleetHistoryGenerator} writes history of it;
 * {@link io.pharos.engine.fleet.Scenario} and {@link io.pharos.engine.fleet.ScenarioFile} inject
 * outages, surges, steady traffic growth, leaks, slowdowns (at once or ramping) and cost spikes;
 * {@link io.pharos.engine.fleet.FleetAdjustment} is what an operator (an automated incident
 * response) changes: hosts, throttling, fail-over, clean-up.
 */
package io.pharos.engine.fleet;

/**
 * The engine side of the executive dashboard: for a time range and the previous period of the same
 * length, the figures an executive reads (availability and error budget, users, requests, latency,
 * errors, revenue and revenue at risk, cost, capacity headroom, incidents) and each region's health
 * with its reasons. Headless and read through the query API only; the view colours each figure's
 * trend from {@link io.pharos.engine.dashboard.Kpi#trend()}. Definitions: docs/dashboards.md.
 *
 * <h2>Wiring</h2>
 * <pre>{@code
 * DashboardService dashboard = new DashboardService(engine.query(), incidentService::list);
 * ExecutiveSummary s = dashboard.summarize(now.minus(Duration.ofHours(24)), now);
 * s.availability().value();        // OptionalDouble: empty with s.availability().reason() when no data
 * s.availability().trend();        // BETTER, WORSE, STEADY or UNKNOWN
 * s.region("eu-west-1").map(RegionHealth::reasons);   // ["success rate 0.93 < 0.95"]
 * s.simulated();                   // say so on screen when true
 * }</pre>
 */
package io.pharos.engine.dashboard;

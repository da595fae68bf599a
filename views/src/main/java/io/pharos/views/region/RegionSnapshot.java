package io.pharos.views.region;

import io.pharos.engine.dashboard.RegionHealth;
import java.util.List;

/**
 * One read of the regional dashboard, made off the FX thread and applied on it as a whole.
 *
 * @param regions      every region with data in the range, with its health, by name
 * @param region       the region read; null when there is none
 * @param health       its health, reasons and figures; null when it has no data
 * @param trafficShare its share of all user-facing requests now; NaN when unknown
 * @param weight       the load balancer's weight for it, in words (see {@link RegionReader})
 * @param hosts        its hosts' latest figures
 * @param detail       the host detail asked for, or null
 * @param lastSampleMs its newest sample (hosts and region series); 0 when none
 * @param sourceProblem sources that failed or stopped, in words; empty when all run
 */
record RegionSnapshot(long fromMs, long toMs, List<RegionHealth> regions, String region, RegionHealth health,
                      double trafficShare, String weight, List<ChartData> charts, List<HostFigures> hosts,
                      List<RegionEvent> events, HostDetail detail, long lastSampleMs, boolean simulated,
                      String sourceProblem) {
}

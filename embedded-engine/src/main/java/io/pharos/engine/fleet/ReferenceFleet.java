package io.pharos.engine.fleet;

import io.pharos.engine.model.SeriesKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A deterministic simulation of a hyperscale web service: six regions (see {@link FleetRegion} for
 * which provider runs which: aws us-east-1 and eu-west-1, gcp us-west-1 and ap-northeast-1, azure
 * eu-central-1 and ap-southeast-1), a configurable number of hosts per region (default 200) split
 * among the services of {@link FleetService}, 20 metrics per host ({@link HostMetric}) plus
 * region-level series ({@link RegionMetric}). Every series carries {@code source="simulated"}.
 *
 * <p>A value is a pure function of (seed, series, time, injected scenarios): traffic follows the
 * region's local day (peak 15:00, trough 03:00) and week (weekends at 72 %), each host varies around
 * its service's mean, and hash-based value noise adds smooth wander. Nothing is remembered between
 * calls, so real-time and history generation give identical values and any thread may call
 * {@link #value}. Values are rounded as exporters would round them.
 *
 * <p>Scenarios ({@link Scenario}) may be injected at any time, also while sources read the fleet;
 * each takes effect in its own time window and for its own target only. Operator adjustments
 * ({@link FleetAdjustment}: hosts added, traffic throttled or failed over, resources cleaned up) are
 * how automated incident responses act on the simulation; each is in force from its own time on.
 */
public final class ReferenceFleet {
    public static final int DEFAULT_HOSTS_PER_REGION = 200;
    public static final int METRICS_PER_HOST = HostMetric.values().length;

    private final long seed;
    private final FleetLayout layout;
    private final HostSeries[] hostSeries;
    private final RegionSeries[] regionSeries;
    private final List<SeriesKey> keys;
    private final Map<SeriesKey, Integer> indexByKey;
    private final HostMetricModel hostModel;
    private final RegionMetricModel regionModel;
    private final RegionTraffic traffic;
    /** Copy-on-write: readers take one consistent snapshot per sample. */
    private volatile ScenarioState scenarios = new ScenarioState(List.of(), List.of(), ScenarioEffects.NONE);

    public ReferenceFleet(long seed) {
        this(seed, DEFAULT_HOSTS_PER_REGION);
    }

    /** @param hostsPerRegion at least 7, one host per service */
    public ReferenceFleet(long seed, int hostsPerRegion) {
        this.seed = seed;
        this.layout = new FleetLayout(hostsPerRegion);
        this.hostSeries = layout.hostSeries(seed);
        this.regionSeries = layout.regionSeries(seed);
        List<SeriesKey> all = new ArrayList<>(hostSeries.length + regionSeries.length);
        Arrays.stream(hostSeries).map(HostSeries::key).forEach(all::add);
        Arrays.stream(regionSeries).map(RegionSeries::key).forEach(all::add);
        this.keys = Collections.unmodifiableList(all);
        this.indexByKey = new HashMap<>(all.size() * 2);
        for (int i = 0; i < all.size(); i++) {
            indexByKey.put(all.get(i), i);
        }
        this.traffic = new RegionTraffic(seed);
        this.hostModel = new HostMetricModel(traffic);
        this.regionModel = new RegionMetricModel(traffic, layout);
    }

    public long seed() {
        return seed;
    }

    public int hostsPerRegion() {
        return layout.hostsPerRegion();
    }

    /** Hosts of a service in each region (every region has the same split). */
    public int hostCount(FleetService service) {
        return layout.hostCount(service);
    }

    /** All series: host series first (region by region, host by host, metric by metric), then region series. */
    public List<SeriesKey> series() {
        return keys;
    }

    public int size() {
        return keys.size();
    }

    public SeriesKey key(int seriesIndex) {
        return keys.get(seriesIndex);
    }

    /** The number of host series; indexes from this one on are region-level series. */
    public int hostSeriesCount() {
        return hostSeries.length;
    }

    /** The index of a series of this fleet, or -1. */
    public int indexOf(SeriesKey key) {
        Integer i = indexByKey.get(key);
        return i == null ? -1 : i;
    }

    /** The index of one metric of one host; hosts are numbered 0 .. hostsPerRegion-1 within a region. */
    public int hostSeriesIndex(FleetRegion region, int host, HostMetric metric) {
        if (host < 0 || host >= layout.hostsPerRegion()) {
            throw new IndexOutOfBoundsException("host " + host + " of " + layout.hostsPerRegion());
        }
        return (region.ordinal() * layout.hostsPerRegion() + host) * METRICS_PER_HOST + metric.ordinal();
    }

    /** The service a host (numbered within its region) runs. */
    public FleetService serviceOf(int host) {
        return layout.serviceOf(host);
    }

    /** The value of a series at a time; the same for the same seed, series, time and scenarios. */
    public double value(int seriesIndex, long timeMs) {
        ScenarioEffects fx = scenarios.effects();
        return seriesIndex < hostSeries.length
                ? hostModel.value(hostSeries[seriesIndex], timeMs, fx)
                : regionModel.value(regionSeries[seriesIndex - hostSeries.length], timeMs, fx);
    }

    /** Fills {@code out[0..count)} with the series' values at {@code firstMs + i * stepMs}. */
    public void fill(int seriesIndex, long firstMs, long stepMs, int count, double[] out) {
        ScenarioEffects fx = scenarios.effects();
        if (seriesIndex < hostSeries.length) {
            HostSeries s = hostSeries[seriesIndex];
            for (int i = 0; i < count; i++) {
                out[i] = hostModel.value(s, firstMs + i * stepMs, fx);
            }
        } else {
            RegionSeries s = regionSeries[seriesIndex - hostSeries.length];
            for (int i = 0; i < count; i++) {
                out[i] = regionModel.value(s, firstMs + i * stepMs, fx);
            }
        }
    }

    /** Adds a scenario; it shapes values within its own time window, past or future. */
    public void inject(Scenario scenario) {
        injectAll(List.of(scenario));
    }

    public synchronized void injectAll(List<Scenario> added) {
        List<Scenario> all = new ArrayList<>(scenarios.list());
        all.addAll(added);
        update(all, scenarios.adjustments());
    }

    public synchronized void clearScenarios() {
        update(List.of(), scenarios.adjustments());
    }

    // ---- Operator adjustments: how automated incident responses act on the simulation ----

    /**
     * Applies an operator's adjustment (added hosts, throttling, fail-over, clean-up) from its time on.
     * Refused when it would leave a service in a region without hosts.
     */
    public synchronized void adjust(FleetAdjustment adjustment) {
        List<FleetAdjustment> all = new ArrayList<>(scenarios.adjustments());
        all.add(adjustment);
        if (adjustment instanceof FleetAdjustment.AddHosts a) {
            int total = layout.hostCount(a.service());
            for (FleetAdjustment x : all) {
                if (x instanceof FleetAdjustment.AddHosts b && b.region() == a.region() && b.service() == a.service()) {
                    total += b.hosts();
                }
            }
            if (total < 1) {
                throw new IllegalArgumentException("removing " + -a.hosts() + " hosts would leave " + a.service().id()
                        + " in " + a.region().id() + " with " + total + " hosts; at least 1 must stay");
            }
        }
        update(scenarios.list(), all);
    }

    /** The adjustments applied so far, in order. */
    public List<FleetAdjustment> adjustments() {
        return scenarios.adjustments();
    }

    public synchronized void clearAdjustments() {
        update(scenarios.list(), List.of());
    }

    /** Hosts of a service in a region at a time, with those an operator added or removed. */
    public int hostCount(FleetRegion region, FleetService service, long timeMs) {
        ScenarioEffects fx = scenarios.effects();
        return (int) Math.round(fx.capacity(region.ordinal(), service.ordinal(), timeMs) * layout.hostCount(service));
    }

    private void update(List<Scenario> list, List<FleetAdjustment> adjustments) {
        ScenarioEffects fx = list.isEmpty() && adjustments.isEmpty() ? ScenarioEffects.NONE
                : new ScenarioEffects(list, AdjustmentEffects.of(adjustments, layout, traffic));
        scenarios = new ScenarioState(List.copyOf(list), List.copyOf(adjustments), fx);
    }

    public List<Scenario> scenarios() {
        return scenarios.list();
    }

    private record ScenarioState(List<Scenario> list, List<FleetAdjustment> adjustments, ScenarioEffects effects) {
    }
}

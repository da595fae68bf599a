package io.pharos.engine.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pharos.engine.model.Labels;
import io.pharos.engine.rules.MemorySeriesSource;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Response metrics read from stored series as the data model names them, scoped to the action's target. */
class StoreResponseMetricsTest {
    static final long T = 1_772_719_320_000L;
    private final MemorySeriesSource series = new MemorySeriesSource();

    /** One host's metrics, 30 s before the action, as an exporter would label them. */
    private void host(String region, String service, String host, double cpu, double requests, double errors,
            double p99, double cost, String... extra) {
        Labels labels = Labels.of("region", region, "provider", "aws", "service", service, "host", host);
        for (int i = 0; i < extra.length; i += 2) {
            labels = labels.with(extra[i], extra[i + 1]);
        }
        add("node_cpu_utilization_ratio", labels, cpu);
        add("service_requests_per_second", labels, requests);
        add("service_errors_per_second", labels, errors);
        add("service_latency_p99_seconds", labels, p99);
        add("host_cost_dollars_per_hour", labels, cost);
    }

    private void add(String metric, Labels labels, double value) {
        series.add(labels.with("__name__", metric), T - 30_000, value);
    }

    @BeforeEach
    void data() {
        host("eu-west-1", "checkout", "checkout-1", 0.8, 100, 1, 0.2, 0.5);
        host("eu-west-1", "checkout", "checkout-2", 0.9, 100, 2, 0.4, 0.5);
        host("eu-west-1", "checkout", "checkout-3", 0.7, 100, 3, 0.2, 0.5);
        host("eu-west-1", "checkout", "checkout-4", 0.6, 100, 4, 0.4, 0.5);
        host("eu-west-1", "search", "search-1", 0.2, 50, 0, 0.1, 0.25);
        host("eu-west-1", "search", "search-2", 0.2, 50, 0, 0.1, 0.25);
        host("us-east-1", "checkout", "checkout-9", 0.5, 80, 0, 0.1, 0.5);
        // the simulated fleet's hosts in the same region are not the real system's
        host("eu-west-1", "checkout", "checkout-sim", 0.99, 9000, 900, 3, 9, "source", "simulated");
        add("region_active_users", Labels.of("region", "eu-west-1", "provider", "aws"), 12_000);
        add("region_revenue_dollars_per_minute", Labels.of("region", "eu-west-1", "provider", "aws"), 340);
        add("region_active_users", Labels.of("region", "us-east-1", "provider", "aws"), 5_000);
    }

    private StoreResponseMetrics metrics(Map<String, String> overrides) {
        return new StoreResponseMetrics(series, ResponseQueries.withOverrides(overrides));
    }

    @Test
    void scalingReadsTheServicesHostsInTheRegion() {
        Map<String, Double> m = metrics(Map.of()).read(new ResponseAction.ScaleCompute("eu-west-1", "checkout", 2), T);
        assertThat(m).containsOnlyKeys(ResponseMetrics.HOSTS, ResponseMetrics.CPU, ResponseMetrics.LATENCY_P99,
                ResponseMetrics.ERRORS, ResponseMetrics.REQUESTS, ResponseMetrics.COST);
        assertThat(m.get(ResponseMetrics.HOSTS)).isEqualTo(4);
        assertThat(m.get(ResponseMetrics.CPU)).isCloseTo(0.75, within(1e-9));
        assertThat(m.get(ResponseMetrics.REQUESTS)).isCloseTo(400, within(1e-9));
        assertThat(m.get(ResponseMetrics.ERRORS)).isCloseTo(10 / 400.0, within(1e-9));
        assertThat(m.get(ResponseMetrics.LATENCY_P99)).isCloseTo(0.3, within(1e-9));
        assertThat(m.get(ResponseMetrics.COST)).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void throttlingReadsTheWholeRegionAndFailOverBothRegions() {
        StoreResponseMetrics metrics = metrics(Map.of());
        Map<String, Double> m = metrics.read(new ResponseAction.ThrottleTraffic("eu-west-1", 0.2), T);
        assertThat(m.get(ResponseMetrics.REQUESTS)).isCloseTo(500, within(1e-9));
        assertThat(m.get(ResponseMetrics.CPU)).isCloseTo(3.4 / 6, within(1e-9));
        assertThat(m.get(ResponseMetrics.USERS)).isEqualTo(12_000);
        assertThat(m.get(ResponseMetrics.REVENUE)).isEqualTo(340);

        Map<String, Double> over = metrics.read(new ResponseAction.FailOverRegion("eu-west-1", "us-east-1"), T);
        assertThat(over.get("from.active_users")).isEqualTo(12_000);
        assertThat(over.get("to.active_users")).isEqualTo(5_000);
        assertThat(over.get("to.requests_per_second")).isCloseTo(80, within(1e-9));
        assertThat(over).as("us-east-1 reports no revenue").doesNotContainKey("to.revenue_dollars_per_minute");
    }

    @Test
    void aMetricWithoutSeriesIsLeftOut() {
        Map<String, Double> m = metrics(Map.of()).read(new ResponseAction.CleanUpResources("eu-west-1", "disk"), T);
        assertThat(m).as("no memory or filesystem series are stored").containsOnlyKeys(ResponseMetrics.COST);
        assertThat(m.get(ResponseMetrics.COST)).isCloseTo(2.5, within(1e-9));
    }

    @Test
    void hostsAreCountedPerTargetAndUnknownIsMinusOne() {
        StoreResponseMetrics metrics = metrics(Map.of());
        assertThat(metrics.hosts("eu-west-1", "checkout", T)).isEqualTo(4);
        assertThat(metrics.hosts("eu-west-1", null, T)).isEqualTo(6);
        assertThat(metrics.hosts(null, null, T)).isEqualTo(7);
        assertThat(metrics.hosts("ap-south-9", null, T)).isEqualTo(-1);
        // samples older than the five-minute look-back are not the fleet's size now
        assertThat(metrics.hosts(null, null, T + 10 * 60_000)).isEqualTo(-1);
        assertThat(metrics.read(new ResponseAction.ScaleCompute("eu-west-1", "checkout", 2), T + 10 * 60_000)).isEmpty();
    }

    @Test
    void aQueryFromTheFileReplacesItsDefault() {
        StoreResponseMetrics metrics = metrics(Map.of(ResponseMetrics.CPU, "max(node_cpu_utilization_ratio{$target})"));
        assertThat(metrics.read(new ResponseAction.ScaleCompute("eu-west-1", "checkout", 2), T).get(ResponseMetrics.CPU))
                .isCloseTo(0.9, within(1e-9));
    }

    @Test
    void aQueryReturningSeveralSeriesIsAnErrorNamingTheMetric() {
        StoreResponseMetrics metrics = metrics(Map.of(ResponseMetrics.CPU, "node_cpu_utilization_ratio{$target}"));
        assertThatThrownBy(() -> metrics.read(new ResponseAction.ScaleCompute("eu-west-1", "checkout", 2), T))
                .hasMessageStartingWith("the cpu_utilization query returns 4 series, and a response metric is one"
                        + " value: aggregate it");
    }

    @Test
    void labelValuesAreQuotedInTheTarget() {
        assertThat(ResponseQueries.target("eu-west-1", "check\"out")).isEqualTo(
                "region=\"eu-west-1\",service=\"check\\\"out\",source!=\"simulated\"");
        assertThat(ResponseQueries.target(null, null)).isEqualTo("region!=\"\",source!=\"simulated\"");
        assertThat(metrics(Map.of()).hosts("eu-west-1", "check\"out", T)).isEqualTo(-1);
    }
}

package io.pharos.engine.host;

import static io.pharos.engine.host.HostMetricNames.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reads this machine for real: values must be sane, whatever machine runs the test. */
class HostMetricsReaderTest {
    private static HostMetricsReader reader;
    private static List<HostReading> first;
    private static List<HostReading> second;

    @BeforeAll
    static void readTwice() throws InterruptedException {
        reader = new HostMetricsReader();
        first = reader.read();
        Thread.sleep(300);
        second = reader.read();
    }

    @Test
    void everyReadingCarriesHostAndLocalSourceLabels() {
        assertThat(first).isNotEmpty().allSatisfy(r -> {
            assertThat(r.key().labels().get(HOST_LABEL)).isEqualTo(reader.hostName()).isNotBlank();
            assertThat(r.key().labels().get("source")).isEqualTo(LOCAL_SOURCE);
            assertThat(r.value()).isFinite();
        });
    }

    @Test
    void memoryIsPositiveAndUsedFitsInTotal() {
        double total = single(first, MEMORY_TOTAL);
        assertThat(total).isPositive();
        assertThat(single(first, MEMORY_USED)).isBetween(0.0, total);
        assertThat(single(first, SWAP_USED)).isBetween(0.0, single(first, SWAP_TOTAL));
    }

    @Test
    void everyRatioIsBetweenZeroAndOne() {
        List<HostReading> ratios = Stream.concat(first.stream(), second.stream())
                .filter(r -> r.key().metric().endsWith("_ratio")).toList();
        assertThat(ratios).isNotEmpty()
                .allSatisfy(r -> assertThat(r.value()).as(r.key().toString()).isBetween(0.0, 1.0));
    }

    @Test
    void loadAverageIsNotNegative() {
        assertThat(values(first, LOAD1)).singleElement().satisfies(v -> assertThat(v).isGreaterThanOrEqualTo(0.0));
        assertThat(values(first, LOAD15)).singleElement().satisfies(v -> assertThat(v).isGreaterThanOrEqualTo(0.0));
    }

    @Test
    void atLeastOneRealFilesystemAndNoPseudoOnes() {
        List<HostReading> sizes = first.stream().filter(r -> r.key().metric().equals(FILESYSTEM_SIZE)).toList();
        assertThat(sizes).isNotEmpty().allSatisfy(r -> {
            assertThat(r.value()).isPositive();
            assertThat(r.key().labels().get(FSTYPE_LABEL)).isNotIn("tmpfs", "overlay", "proc", "sysfs");
        });
    }

    @Test
    void processesThreadsAndUptimeArePositive() {
        assertThat(single(first, PROCESSES)).isPositive();
        assertThat(single(first, THREADS)).isGreaterThanOrEqualTo(single(first, PROCESSES));
        assertThat(single(first, UPTIME)).isPositive();
    }

    @Test
    void secondReadYieldsCpuAndNonNegativeRates() {
        assertThat(values(first, CPU_UTILIZATION)).as("no tick delta on the first read").isEmpty();
        assertThat(values(second, CPU_UTILIZATION)).singleElement()
                .satisfies(v -> assertThat(v).isBetween(0.0, 1.0));
        List<HostReading> rates = second.stream().filter(r -> r.key().metric().endsWith("_per_second")).toList();
        assertThat(rates).allSatisfy(r -> {
            assertThat(r.value()).as(r.key().toString()).isGreaterThanOrEqualTo(0.0);
            assertThat(r.key().labels().get(DEVICE_LABEL)).isNotBlank().isNotEqualTo("lo");
        });
    }

    private static double single(List<HostReading> readings, String metric) {
        List<Double> values = values(readings, metric);
        assertThat(values).as(metric).hasSize(1);
        return values.getFirst();
    }

    private static List<Double> values(List<HostReading> readings, String metric) {
        return readings.stream().filter(r -> r.key().metric().equals(metric)).map(HostReading::value).toList();
    }
}

package io.pharos.engine.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pharos.engine.model.SeriesKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** This machine read from /proc: exact over a written /proc, and as OSHI reads it over the real one. */
class ProcHostReaderTest {
    @TempDir
    Path dir;

    private static Map<String, Double> byKey(List<HostReading> readings) {
        Map<String, Double> out = new TreeMap<>();
        readings.forEach(r -> out.put(r.key().metric() + r.key().labels().without("host").without("source"), r.value()));
        return out;
    }

    private Path write(String path, String text) throws Exception {
        Path f = dir.resolve(path);
        Files.createDirectories(f.getParent());
        return Files.writeString(f, text);
    }

    @Test
    void aWrittenProcIsReadExactly() throws Exception {
        write("proc/sys/kernel/hostname", "db-7\n");
        write("proc/stat", "cpu  100 0 100 700 100 0 0 0 0 0\ncpu0 1 2 3 4 5 6 7 8 9 10\n");
        write("proc/meminfo", "MemTotal:       8000000 kB\nMemFree:         1000000 kB\nMemAvailable:    6000000 kB\n"
                + "SwapTotal:       1000 kB\nSwapFree:         250 kB\n");
        write("proc/self/mounts", "proc /proc proc rw 0 0\n/dev/root / ext4 rw 0 0\ntmpfs /run tmpfs rw 0 0\n"
                + "server:/x /mnt/x nfs rw 0 0\n");
        write("proc/diskstats", "   8       0 sda 10 0 2000 5 20 0 4000 9 0 0 0\n   8       1 sda1 1 0 8 1 1 0 8 1 0 0 0\n"
                + "   7       0 loop0 1 0 8 1 1 0 8 1 0 0 0\n");
        Files.createDirectories(dir.resolve("sys/block/sda"));
        write("proc/net/dev", "Inter-|   Receive\n face |bytes packets\n    lo: 100 1 0 0 0 0 0 0 100 1 0 0 0 0 0 0\n"
                + "  eth0: 1000 10 0 0 0 0 0 0 2000 20 0 0 0 0 0 0\n");
        write("proc/loadavg", "0.42 0.35 0.30 2/812 12345\n");
        write("proc/uptime", "3600.50 7000.00\n");
        Files.createDirectories(dir.resolve("proc/1"));
        Files.createDirectories(dir.resolve("proc/42"));
        ProcHostReader reader = new ProcHostReader(dir.resolve("proc"), dir.resolve("sys"));
        assertThat(reader.hostName()).isEqualTo("db-7");

        Map<String, Double> first = byKey(reader.read());
        assertThat(first).as("a ratio needs two reads").doesNotContainKey("node_cpu_utilization_ratio{}");
        assertThat(first.get("node_memory_total_bytes{}")).isEqualTo(8_192_000_000.0);
        assertThat(first.get("node_memory_used_bytes{}")).isEqualTo(2_048_000_000.0);
        assertThat(first.get("node_memory_utilization_ratio{}")).isEqualTo(0.25);
        assertThat(first.get("node_memory_swap_used_bytes{}")).isEqualTo(768_000.0);
        assertThat(first.get("node_load1{}")).isEqualTo(0.42);
        assertThat(first.get("node_processes_threads{}")).isEqualTo(812.0);
        assertThat(first.get("node_processes_pids{}")).isEqualTo(2.0);
        assertThat(first.get("node_uptime_seconds{}")).isEqualTo(3600.0);
        assertThat(first.keySet().stream().filter(k -> k.startsWith("node_filesystem_size_bytes")))
                .as("the real root only: not proc, tmpfs, nor a network mount").singleElement()
                .satisfies(k -> assertThat(k).contains("mountpoint=\"/\"", "fstype=\"ext4\"", "device=\"/dev/root\""));

        write("proc/stat", "cpu  160 0 140 750 150 0 0 0 0 0\n"); // +200 busy of +200 total ticks... see below
        write("proc/diskstats", "   8       0 sda 10 0 4000 5 20 0 4000 9 0 0 0\n");
        write("proc/net/dev", "  eth0: 3000 10 0 0 0 0 0 0 2000 20 0 0 0 0 0 0\n");
        Map<String, Double> second = byKey(reader.read());
        // user +60, system +40, idle +50, iowait +50: 100 busy of 200
        assertThat(second.get("node_cpu_utilization_ratio{}")).isEqualTo(0.5);
        assertThat(second.get("node_disk_read_bytes_per_second{device=\"sda\"}")).isPositive();
        assertThat(second.get("node_disk_written_bytes_per_second{device=\"sda\"}")).isZero();
        assertThat(second.keySet()).noneMatch(k -> k.contains("sda1") || k.contains("loop0"));
        assertThat(second.get("node_network_receive_bytes_per_second{device=\"eth0\"}")).isPositive();
        assertThat(second.keySet()).noneMatch(k -> k.contains("device=\"lo\""));
    }

    @Test
    void mountPointsWithBlanksAreUnescaped() {
        assertThat(ProcHostReader.unescape("/media/my\\040disk")).isEqualTo("/media/my disk");
        assertThat(ProcHostReader.unescape("/a\\134b")).isEqualTo("/a\\b");
        assertThat(ProcHostReader.unescape("/plain")).isEqualTo("/plain");
    }

    @Test
    void thisMachineReadsAsOshiReadsIt() throws Exception {
        assumeTrue(ProcHostReader.available(), "Linux only");
        ProcHostReader proc = new ProcHostReader();
        HostMetricsReader oshi = new HostMetricsReader();
        assertThat(proc.hostName()).as("the same host label, so that history continues").isEqualTo(oshi.hostName());
        proc.read();
        oshi.read();
        Thread.sleep(300);
        Map<String, Double> p = byKey(proc.read());
        Map<String, Double> o = byKey(oshi.read());
        Set<String> metrics = o.keySet().stream().map(k -> k.substring(0, k.indexOf('{'))).collect(Collectors.toSet());
        assertThat(p.keySet().stream().map(k -> k.substring(0, k.indexOf('{'))).collect(Collectors.toSet()))
                .as("the same metrics").isEqualTo(metrics);
        for (String key : o.keySet()) {
            if (key.startsWith("node_filesystem") || key.startsWith("node_memory_total")
                    || key.startsWith("node_memory_swap_total")) {
                assertThat(p).as(key).containsKey(key);
                assertThat(p.get(key)).as(key).isCloseTo(o.get(key), org.assertj.core.data.Percentage.withPercentage(1));
            }
        }
        assertThat(p.get("node_memory_utilization_ratio{}")).isCloseTo(o.get("node_memory_utilization_ratio{}"),
                org.assertj.core.data.Offset.offset(0.05));
        assertThat(p.get("node_load1{}")).isCloseTo(o.get("node_load1{}"), org.assertj.core.data.Offset.offset(0.5));
        assertThat(p.get("node_uptime_seconds{}")).isCloseTo(o.get("node_uptime_seconds{}"),
                org.assertj.core.data.Offset.offset(5.0));
    }
}

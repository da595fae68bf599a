package io.pharos.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.fleet.FleetService;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `pharos capacity` over generated history, as a user runs it. */
class CapacityCommandTest {
    @TempDir
    Path dir;

    @Test
    void eachRegionGetsACpuAndAMemoryForecast() {
        String data = dir.resolve("store").toString();
        assertThat(CommandRun.of("--data-dir", data, "generate", "--days", "4", "--hosts", "7", "--step", "5m").code())
                .isZero();
        CommandRun r = CommandRun.of("--data-dir", data, "capacity", "--days", "4", "--growth", "50", "--within", "30d");
        assertThat(r.code()).as(r.err()).isZero();
        for (String region : new String[] {"us-east-1", "us-west-1", "eu-west-1", "eu-central-1", "ap-southeast-1",
            "ap-northeast-1"}) {
            assertThat(r.out()).containsPattern("(?m)^" + region + " +cpu +\\S")
                    .containsPattern("(?m)^" + region + " +memory +\\S");
        }
    }

    @Test
    void requestCapacityPerServiceIsReadFromHowCpuFollowedRequests() {
        String data = dir.resolve("store").toString();
        assertThat(CommandRun.of("--data-dir", data, "generate", "--days", "4", "--hosts", "21", "--step", "5m").code())
                .isZero();
        CommandRun r = CommandRun.of("--data-dir", data, "capacity", "--days", "4", "--resource", "requests");
        assertThat(r.code()).as(r.err()).isZero();
        Matcher row = Pattern.compile("(?m)^(\\S+) +requests +requests/s \\{region=\"\\1\",service=\"([a-z-]+)\"}: daily peak"
                + " (\\d+) of (\\d+) .* hosts \\(have (\\d+),").matcher(r.out());
        Map<String, Integer> rowsPerRegion = new HashMap<>();
        while (row.find()) {
            rowsPerRegion.merge(row.group(1), 1, Integer::sum);
            FleetService service = FleetService.byId(row.group(2));
            double perHost = Double.parseDouble(row.group(4)) / Integer.parseInt(row.group(5));
            // The simulation's hosts saturate at 97 % CPU, the fit reads to 100 %: a few percent more.
            assertThat(perHost).as(row.group()).isBetween(service.requestCapacityPerHost(),
                    service.requestCapacityPerHost() * 1.05);
            assertThat(Double.parseDouble(row.group(3))).as("the peak is below the capacity").isLessThan(
                    Double.parseDouble(row.group(4)));
        }
        assertThat(rowsPerRegion).as(r.out()).hasSize(6).allSatisfy((region, rows) ->
                assertThat(rows).isEqualTo(FleetService.values().length));
        assertThat(r.out()).doesNotContain(" cpu ", " memory ");
    }

    @Test
    void anUnknownResourceIsRefused() {
        CommandRun r = CommandRun.of("--data-dir", dir.toString(), "capacity", "--resource", "disk");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown resource 'disk'", "cpu, memory or requests");
    }

    @Test
    void anEmptyStoreIsExplained() {
        CommandRun r = CommandRun.of("--data-dir", dir.toString(), "capacity");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("No host metrics in the store", "pharos generate");
    }
}

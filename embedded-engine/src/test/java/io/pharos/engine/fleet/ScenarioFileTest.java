package io.pharos.engine.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioFileTest {
    private static final Instant BASE = Instant.parse("2025-03-05T12:00:00Z");
    private final ScenarioFile file = new ScenarioFile(BASE);

    @Test
    void readsEveryKindWithAbsoluteAndRelativeStarts() throws Exception {
        String yaml = """
                # what-if: a bad afternoon
                scenarios:
                  - type: region-outage
                    start: "+2h"
                    duration: 30m
                    region: eu-west-1
                  - type: traffic-surge
                    start: 2025-03-05T14:00:00Z
                    duration: 1h30m
                    region: us-east-1
                    service: checkout
                    magnitude: 10
                  - type: memory-leak
                    start: now
                    duration: PT6H
                    service: search
                    magnitude: 0.05
                  - type: latency-degradation
                    start: "-15m"
                    duration: 45m
                    region: ap-northeast-1
                    service: catalog
                  - type: cost-spike
                    start: 2025-03-05T15:00:00+01:00
                    duration: 1d
                    region: us-west-1
                    magnitude: 2.5
                """;
        List<Scenario> scenarios = file.parse(yaml, "afternoon.yaml");

        assertThat(scenarios).containsExactly(
                new Scenario(ScenarioKind.REGION_OUTAGE, BASE.plus(Duration.ofHours(2)), Duration.ofMinutes(30),
                        FleetRegion.EU_WEST_1, null, ScenarioKind.REGION_OUTAGE.defaultMagnitude()),
                new Scenario(ScenarioKind.TRAFFIC_SURGE, Instant.parse("2025-03-05T14:00:00Z"), Duration.ofMinutes(90),
                        FleetRegion.US_EAST_1, FleetService.CHECKOUT, 10),
                new Scenario(ScenarioKind.MEMORY_LEAK, BASE, Duration.ofHours(6), null, FleetService.SEARCH, 0.05),
                new Scenario(ScenarioKind.LATENCY_DEGRADATION, BASE.minus(Duration.ofMinutes(15)), Duration.ofMinutes(45),
                        FleetRegion.AP_NORTHEAST_1, FleetService.CATALOG, 5),
                new Scenario(ScenarioKind.COST_SPIKE, Instant.parse("2025-03-05T14:00:00Z"), Duration.ofDays(1),
                        FleetRegion.US_WEST_1, null, 2.5));
    }

    @Test
    void loadsFromAFileAndAcceptsATopLevelList(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("surge.yaml");
        Files.writeString(path, """
                - type: traffic-surge
                  start: "+1h"
                  duration: 10m
                  region: eu-central-1
                """);
        assertThat(file.load(path)).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(ScenarioKind.TRAFFIC_SURGE);
            assertThat(s.start()).isEqualTo(BASE.plus(Duration.ofHours(1)));
            assertThat(s.magnitude()).isEqualTo(10);
        });
    }

    @Test
    void readsTrafficGrowthAndRamps() throws Exception {
        String yaml = """
                scenarios:
                  - type: traffic-growth
                    start: "+1h"
                    duration: 6h
                    region: us-east-1
                    magnitude: 0.05
                  - type: latency-degradation
                    start: now
                    duration: 4h
                    region: ap-northeast-1
                    service: checkout
                    magnitude: 3
                    ramp: 2h
                  - type: traffic-growth
                    start: now
                    duration: 1d
                    service: search
                """;
        assertThat(file.parse(yaml, "slow.yaml")).containsExactly(
                new Scenario(ScenarioKind.TRAFFIC_GROWTH, BASE.plus(Duration.ofHours(1)), Duration.ofHours(6),
                        FleetRegion.US_EAST_1, null, 0.05),
                new Scenario(ScenarioKind.LATENCY_DEGRADATION, BASE, Duration.ofHours(4), FleetRegion.AP_NORTHEAST_1,
                        FleetService.CHECKOUT, 3, Duration.ofHours(2)),
                new Scenario(ScenarioKind.TRAFFIC_GROWTH, BASE, Duration.ofDays(1), null, FleetService.SEARCH, 0.1));
    }

    @Test
    void rampsThatMeanNothingAreRefusedWithTheirLine() {
        assertProblem("""
                scenarios:
                  - type: memory-leak
                    start: now
                    duration: 2h
                    service: search
                    ramp: 30m
                """, 2, "memory-leak takes no ramp");
        assertProblem("""
                scenarios:
                  - type: latency-degradation
                    start: now
                    duration: 1h
                    region: us-east-1
                    ramp: 2h
                """, 2, "ramp PT2H is longer than the duration PT1H");
        assertProblem("""
                scenarios:
                  - type: latency-degradation
                    start: now
                    duration: 1h
                    region: us-east-1
                    ramp: slowly
                """, 6, "duration 'slowly' needs a number and a unit");
    }

    @Test
    void anEmptyFileHasNoScenarios() throws Exception {
        assertThat(file.parse("", "empty.yaml")).isEmpty();
        assertThat(file.parse("scenarios:\n", "empty.yaml")).isEmpty();
    }

    @Test
    void brokenYamlReportsFileAndLine() {
        String yaml = """
                scenarios:
                  - type: region-outage
                    region: eu-west-1
                \tstart: "+1h"
                """;
        ScenarioFileException e = catchThrowableOfType(ScenarioFileException.class, () -> file.parse(yaml, "broken.yaml"));
        assertThat(e.file()).isEqualTo("broken.yaml");
        assertThat(e.line()).isEqualTo(4);
        assertThat(e).hasMessageStartingWith("broken.yaml line 4: not valid YAML").hasMessageContaining("TAB");
    }

    @Test
    void anUnclosedQuoteNamesWhereItStarts() {
        String yaml = """
                scenarios:
                  - type: region-outage
                    start: "+1h
                    duration: 30m
                """;
        assertThatThrownBy(() -> file.parse(yaml, "quote.yaml")).isInstanceOf(ScenarioFileException.class)
                .hasMessageContaining("quote.yaml line").hasMessageContaining("starts on line 3");
    }

    @Test
    void badValuesReportTheLineOfTheValue() {
        assertProblem("""
                scenarios:
                  - type: region-outage
                    start: "+1h"
                    duration: 30m
                    region: mars-1
                """, 5, "unknown region 'mars-1'; known regions: us-east-1");
        assertProblem("""
                scenarios:
                  - type: outage
                    start: "+1h"
                """, 2, "unknown scenario type 'outage'; known types: region-outage");
        assertProblem("""
                scenarios:
                  - type: traffic-surge
                    start: "+1h"
                    duration: 30
                    region: us-east-1
                """, 4, "duration '30' needs a number and a unit");
        assertProblem("""
                scenarios:
                  - type: traffic-surge
                    start: tomorrow
                    duration: 30m
                    region: us-east-1
                """, 3, "start 'tomorrow' is neither an ISO-8601 instant");
        assertProblem("""
                scenarios:
                  - type: traffic-surge
                    start: "+1h"
                    duration: 30m
                    region: us-east-1
                    magnitude: lots
                """, 6, "magnitude 'lots' is not a number");
        assertProblem("""
                scenarios:
                  - type: traffic-surge
                    start: "+1h"
                    duration: 30m
                    regoin: us-east-1
                """, 5, "unknown field 'regoin'");
    }

    @Test
    void inconsistentScenariosReportTheLineWhereTheyStart() {
        assertProblem("""
                scenarios:
                  - type: traffic-surge
                    start: "+1h"
                    duration: 30m
                    region: us-east-1

                  - type: region-outage
                    start: "+1h"
                    duration: 30m
                    region: us-east-1
                    magnitude: 2
                """, 7, "region-outage magnitude 2.0 is invalid");
        assertProblem("""
                scenarios:
                  - type: cost-spike
                    start: "+1h"
                    duration: 30m
                """, 2, "needs a target");
        assertProblem("""
                scenarios:
                  - type: cost-spike
                    duration: 30m
                    region: us-east-1
                """, 2, "scenario has no 'start'");
    }

    @Test
    void aMissingFileSaysSo(@TempDir Path dir) {
        assertThatThrownBy(() -> file.load(dir.resolve("absent.yaml"))).isInstanceOf(ScenarioFileException.class)
                .hasMessageContaining("absent.yaml: cannot be read (NoSuchFileException)");
    }

    @Test
    void durationsAndStartsInTheirShortForms() {
        assertThat(ScenarioTimes.parseDuration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(ScenarioTimes.parseDuration("1d2h")).isEqualTo(Duration.ofHours(26));
        assertThat(ScenarioTimes.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(ScenarioTimes.parseStart("+1h30m", BASE)).isEqualTo(BASE.plus(Duration.ofMinutes(90)));
        assertThatThrownBy(() -> ScenarioTimes.parseDuration("2 hours")).hasMessageContaining("needs a number and a unit");
    }

    private void assertProblem(String yaml, int line, String what) {
        ScenarioFileException e = catchThrowableOfType(ScenarioFileException.class, () -> file.parse(yaml, "what-if.yaml"));
        assertThat(e).as("parsing should fail with: %s", what).isNotNull();
        assertThat(e.line()).as(e.getMessage()).isEqualTo(line);
        assertThat(e.getMessage()).startsWith("what-if.yaml line " + line + ": ").contains(what);
    }
}

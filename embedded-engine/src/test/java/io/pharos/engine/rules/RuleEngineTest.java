package io.pharos.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.alerting.AlertPolicy;
import io.pharos.engine.alerting.AlertState;
import io.pharos.engine.model.Labels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleEngineTest {
    private static final long S = 1000;
    private final MemorySeriesSource data = new MemorySeriesSource();
    private final List<String> sunk = new ArrayList<>();

    private RuleEngine engine(String yaml) {
        LoadedRules loaded = new RuleFileLoader().parse(yaml, "test.yml");
        assertThat(loaded.problems()).isEmpty();
        return new RuleEngine(loaded.groups(), data, (l, t, v) -> sunk.add(l + "@" + t + "=" + Math.round(v * 1e6) / 1e6),
                AlertPolicy.firingAfter(Duration.ZERO));
    }

    @Test
    void aRecordingIsSeenByTheAlertAfterItInTheSameCycleAndGoesToTheSink() {
        RuleEngine rules = engine("""
                groups:
                  - name: cpu
                    interval: 10s
                    rules:
                      - record: region:cpu:avg
                        expr: avg by (region) (cpu)
                      - alert: RegionCpuHigh
                        expr: region:cpu:avg > 0.8
                        for: 20s
                        labels:
                          severity: "{{ if true }}critical"
                          team: ops
                        annotations:
                          summary: "CPU of {{ $labels.region }} at {{ $value | humanizePercentage }}"
                """);
        for (long t = 0; t <= 60 * S; t += 10 * S) {
            data.add(Labels.of("__name__", "cpu", "region", "eu", "host", "a"), t, 0.9);
            data.add(Labels.of("__name__", "cpu", "region", "eu", "host", "b"), t, 0.8);
        }
        RuleCycle first = rules.evaluate(0);
        assertThat(first.groupsEvaluated()).containsExactly("cpu");
        assertThat(first.transitions()).singleElement().satisfies(t -> {
            assertThat(t.transition().alert().state()).isEqualTo(AlertState.PENDING);
            assertThat(t.transition().alert().labels()).isEqualTo(Labels.of("alertname", "RegionCpuHigh", "region",
                    "eu", "severity", "{{ if true }}critical", "team", "ops"));
            assertThat(t.annotations()).containsEntry("summary", "CPU of eu at 85%");
        });
        assertThat(sunk).containsExactly("{__name__=\"region:cpu:avg\",region=\"eu\"}@0=0.85");
        assertThat(rules.evaluate(5 * S).groupsEvaluated()).as("not due before its interval").isEmpty();
        assertThat(rules.evaluate(10 * S).transitions()).isEmpty();
        assertThat(rules.evaluate(20 * S).transitions()).singleElement()
                .satisfies(t -> assertThat(t.transition().alert().state()).isEqualTo(AlertState.FIRING));
        assertThat(rules.alerts()).singleElement().satisfies(a -> assertThat(a.rule()).isEqualTo("RegionCpuHigh"));
    }

    @Test
    void aFailingRuleIsReportedAndTheOthersGoOn() {
        RuleEngine rules = engine("""
                groups:
                  - name: g
                    rules:
                      - alert: Ambiguous
                        expr: errors / ignoring(code) requests
                      - alert: Down
                        expr: up == 0
                """);
        data.add(Labels.of("__name__", "errors", "code", "500"), 0, 1);
        data.add(Labels.of("__name__", "errors", "code", "503"), 0, 1);
        data.add(Labels.of("__name__", "requests"), 0, 10);
        data.add(Labels.of("__name__", "up", "job", "node"), 0, 0);
        RuleCycle c = rules.evaluate(0);
        assertThat(c.failures()).singleElement().satisfies(h -> {
            assertThat(h.rule()).isEqualTo("Ambiguous");
            assertThat(h.location()).isEqualTo("test.yml:4");
            assertThat(h.error()).contains("many-to-one matching must be explicit");
        });
        assertThat(c.transitions()).extracting(RuleTransition::rule).containsExactly("Down");
        assertThat(rules.health()).extracting(RuleHealth::ok).containsExactly(false, true);
    }

    @Test
    void keepFiringForHoldsAnAlertThroughABriefDip() {
        RuleEngine rules = engine("""
                groups:
                  - name: g
                    interval: 1s
                    rules:
                      - alert: Hot
                        expr: temp > 30
                        keep_firing_for: 3s
                """);
        double[] temps = {31, 29, 31, 29, 29, 29, 29};
        List<AlertState> states = new ArrayList<>();
        for (int i = 0; i < temps.length; i++) {
            data.add(Labels.of("__name__", "temp"), i * S, temps[i]);
            rules.evaluate(i * S);
            states.add(rules.alerts().isEmpty() ? AlertState.INACTIVE : rules.alerts().get(0).alert().state());
        }
        assertThat(states).containsExactly(AlertState.FIRING, AlertState.FIRING, AlertState.FIRING, AlertState.FIRING,
                AlertState.FIRING, AlertState.RESOLVED, AlertState.RESOLVED);
    }
}

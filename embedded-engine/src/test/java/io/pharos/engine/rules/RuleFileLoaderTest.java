package io.pharos.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleFileLoaderTest {
    private final RuleFileLoader loader = new RuleFileLoader();

    @Test
    void readsAPrometheusRuleFileAsItIs() {
        String text = """
                groups:
                  - name: node
                    interval: 30s
                    rules:
                      - record: instance:node_cpu:ratio
                        expr: 1 - avg without (cpu, mode) (rate(node_cpu_seconds_total{mode="idle"}[5m]))
                      - alert: HostHighCpuLoad
                        expr: instance:node_cpu:ratio > 0.8
                        for: 10m
                        keep_firing_for: 5m
                        labels:
                          severity: warning
                        annotations:
                          summary: "Host high CPU load (instance {{ $labels.instance }})"
                          description: "CPU load is > 80%\\n  VALUE = {{ $value }}"
                """;
        LoadedRules loaded = loader.parse(text, "node.yml");
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.groups()).singleElement().satisfies(g -> {
            assertThat(g.name()).isEqualTo("node");
            assertThat(g.intervalMs()).isEqualTo(30_000);
            assertThat(g.rules()).hasSize(2);
        });
        Rule.Alerting alert = (Rule.Alerting) loaded.groups().get(0).rules().get(1);
        assertThat(alert.forMs()).isEqualTo(600_000);
        assertThat(alert.keepFiringForMs()).isEqualTo(300_000);
        assertThat(alert.labels()).containsEntry("severity", "warning");
        assertThat(alert.location()).isEqualTo("node.yml:7");
    }

    @Test
    void aBadRuleIsReportedAtItsPlaceAndTheOthersLoad() {
        String text = """
                groups:
                  - name: mixed
                    rules:
                      - alert: Fine
                        expr: up == 0
                      - alert: Subquery
                        expr: max_over_time(rate(x[5m])[1h:1m]) > 1
                      - alert: Quoted
                        expr: "sum(rate(x[5m])) > bogus(1)"
                      - alert: Block
                        expr: |
                          sum by (region) (
                            rate(x[5m])
                          ) > holt_winters(x[1h], 0.5, 0.5)
                      - alert: BadFor
                        expr: up == 0
                        for: 5 minutes
                      - record: not a name
                        expr: up
                      - alert: Unknown
                        expr: up
                        severity: page
                      - alert: AlsoFine
                        expr: absent(up)
                """;
        LoadedRules loaded = loader.parse(text, "rules/mixed.yml");
        assertThat(loaded.groups().get(0).rules()).extracting(Rule::name).containsExactly("Fine", "AlsoFine");
        assertThat(loaded.problems()).extracting(RuleProblem::toString).containsExactly(
                "rules/mixed.yml:7:43: rule Subquery: subqueries ([range:step]) are not in Pharos' PromQL subset;"
                        + " record the inner expression with a recording rule and use a range selector on it",
                "rules/mixed.yml:9:35: rule Quoted: unknown function bogus()",
                "rules/mixed.yml:14:15: rule Block: function holt_winters() is not in Pharos' PromQL subset",
                "rules/mixed.yml:17:14: rule BadFor: 'for': invalid duration \"5 minutes\" (expected e.g. 30s, 5m, 1h30m)",
                "rules/mixed.yml:18:17: rule not a name: 'not a name' is not a valid metric name",
                "rules/mixed.yml:22:9: rule Unknown: unknown rule key 'severity'");
    }

    @Test
    void fileLevelProblemsSayWhatARuleFileLooksLike(@TempDir Path dir) throws Exception {
        assertThat(loader.parse("groups: [\n  {name: a\n", "broken.yml").problems()).singleElement()
                .satisfies(p -> {
                    assertThat(p.line()).isGreaterThan(0);
                    assertThat(p.message()).startsWith("not valid YAML");
                });
        assertThat(loader.parse("", "empty.yml").problems()).extracting(RuleProblem::message)
                .containsExactly("the file is empty; a rule file has a top-level 'groups:' list");
        assertThat(loader.parse("rules: []", "x.yml").problems()).extracting(RuleProblem::message)
                .contains("unknown top-level key 'rules' (only 'groups' is allowed)");
        assertThat(loader.load(dir.resolve("missing.yml")).problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("cannot read the file"));
        // A billion laughs is refused, not expanded.
        StringBuilder bomb = new StringBuilder("a: &a [x,x,x,x,x,x,x,x,x,x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            bomb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 10; i++) {
                bomb.append(i > 0 ? "," : "").append('*').append((char) (c - 1));
            }
            bomb.append("]\n");
        }
        Path f = dir.resolve("bomb.yml");
        Files.writeString(f, bomb);
        assertThat(loader.load(f).problems()).isNotEmpty();
    }

    @Test
    void duplicateGroupsAndRulesWithoutExprAreRefused() {
        String text = """
                groups:
                  - name: a
                    rules:
                      - alert: NoExpr
                  - name: a
                    rules: []
                """;
        LoadedRules loaded = loader.parse(text, "dup.yml");
        assertThat(loaded.problems()).extracting(RuleProblem::toString).containsExactly(
                "dup.yml:4:9: rule NoExpr: the rule has no expr",
                "dup.yml:5:5: group name 'a' is used twice in this file");
    }
}

package io.pharos.engine.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pharos.engine.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The responses file: what it sets, what it leaves at the defaults, and each problem with where it is. */
class ResponseConfigFileTest {
    static final String FULL = """
            command: ["/opt/ops/act", "--env", "prod"]
            timeout: 2m
            policy:
              max_hosts_per_action: 20
              max_host_change: 0.25
              max_throttle_share: 0.3
              max_fleet_share: 0.2
              without_approval: [clean-up-resources]
              max_net_hosts_per_incident: 30
              max_net_hosts_per_hour: 60
              max_actions_per_hour: 4
              max_proposal_age: 10m
            metrics:
              cpu_utilization: 'max(node_cpu_utilization_ratio{$target})'
            """;

    private static ResponseConfig parse(String yaml) throws ConfigException {
        return ResponseConfigFile.parse(yaml, "responses.yaml");
    }

    @Test
    void readsEverySetting() throws Exception {
        ResponseConfig c = parse(FULL);
        assertThat(c.command()).containsExactly("/opt/ops/act", "--env", "prod");
        assertThat(c.hasCommand()).isTrue();
        assertThat(c.timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.policy()).isEqualTo(new ResponsePolicy(20, 0.25, 0.3, 0.2,
                EnumSet.of(ActionKind.CLEAN_UP_RESOURCES), 30, 60, 4, Duration.ofMinutes(10)));
        assertThat(c.queries().query(ResponseMetrics.CPU)).isEqualTo("max(node_cpu_utilization_ratio{$target})");
        assertThat(c.queries().isDefault(ResponseMetrics.CPU)).isFalse();
        assertThat(c.queries().query(ResponseMetrics.HOSTS)).isEqualTo(ResponseQueries.DEFAULTS.get(ResponseMetrics.HOSTS));
    }

    @Test
    void whatTheFileLeavesOutKeepsItsDefault() throws Exception {
        assertThat(parse("")).isEqualTo(ResponseConfig.defaults());
        ResponseConfig c = parse("policy:\n  max_actions_per_hour: 3\n");
        assertThat(c.hasCommand()).as("no command: actions act on the simulated fleet").isFalse();
        assertThat(c.timeout()).isEqualTo(CommandActionExecutor.DEFAULT_TIMEOUT);
        assertThat(c.policy()).isEqualTo(ResponsePolicy.defaults().withCumulativeLimits(50, 100, 3));
        assertThat(parse("policy:\n  without_approval: []\n").policy().withoutApproval())
                .as("an empty list: every action waits for a person").isEmpty();
    }

    @Test
    void unknownKeysAreRefusedWithWhereTheyAre() {
        assertThatThrownBy(() -> parse("comand: [/bin/true]\n"))
                .hasMessageStartingWith("responses.yaml: comand: unknown key; expected one of [command, metrics,");
        assertThatThrownBy(() -> parse("policy:\n  max_hosts: 5\n"))
                .hasMessageStartingWith("responses.yaml: policy.max_hosts: unknown key; expected one of");
        assertThatThrownBy(() -> parse("metrics:\n  cpu: 'avg(x{$target})'\n"))
                .hasMessageStartingWith("responses.yaml: metrics.cpu: unknown key; expected one of [active_users,");
    }

    @Test
    void eachPolicyProblemNamesItsKey() {
        assertThatThrownBy(() -> parse("policy:\n  max_hosts_per_action: -1\n"))
                .hasMessage("responses.yaml: policy.max_hosts_per_action: must not be negative");
        assertThatThrownBy(() -> parse("policy:\n  max_hosts_per_action: 2.5\n"))
                .hasMessage("responses.yaml: policy.max_hosts_per_action: must be a whole number, got 2.5");
        assertThatThrownBy(() -> parse("policy:\n  max_throttle_share: 1\n"))
                .hasMessageStartingWith("responses.yaml: policy.max_throttle_share: must be from 0 to below 1");
        assertThatThrownBy(() -> parse("policy:\n  max_fleet_share: half\n"))
                .hasMessage("responses.yaml: policy.max_fleet_share: must be a number, got \"half\"");
        assertThatThrownBy(() -> parse("policy:\n  without_approval: [scale-compute, reboot]\n"))
                .hasMessage("responses.yaml: policy.without_approval[1]: unknown action 'reboot'; known: scale-compute,"
                        + " throttle-traffic, clean-up-resources, fail-over-region, fail-back-region");
        assertThatThrownBy(() -> parse("policy:\n  max_proposal_age: soon\n"))
                .hasMessageStartingWith("responses.yaml: policy.max_proposal_age: 'soon' is not a duration");
        assertThatThrownBy(() -> parse("policy: [1]\n")).hasMessage("responses.yaml: policy: must be a mapping");
    }

    @Test
    void theCommandIsAListWithAProgramAndATimeoutIsPositive() {
        assertThatThrownBy(() -> parse("command: /opt/ops/act --env prod\n"))
                .hasMessageStartingWith("responses.yaml: command: must be a list: the program and its arguments");
        assertThatThrownBy(() -> parse("command: []\n"))
                .hasMessageStartingWith("responses.yaml: command: needs the program to run first");
        assertThatThrownBy(() -> parse("command: [/bin/act, [nested]]\n"))
                .hasMessage("responses.yaml: command[1]: must be a single value");
        assertThatThrownBy(() -> parse("command: [/bin/act]\ntimeout: 0s\n"))
                .hasMessage("responses.yaml: timeout: must be longer than zero, such as 5m");
    }

    @Test
    void aMetricQueryMustParseAndUseTheTarget() {
        assertThatThrownBy(() -> parse("metrics:\n  cpu_utilization: 'avg(node_cpu_utilization_ratio{$target}'\n"))
                .hasMessageStartingWith("responses.yaml: metrics.cpu_utilization: not valid PromQL with $target"
                        + " expanded: ");
        assertThatThrownBy(() -> parse("metrics:\n  hosts: 'count(node_cpu_utilization_ratio)'\n"))
                .hasMessageStartingWith("responses.yaml: metrics.hosts: must use $target");
    }

    @Test
    void badYamlAndAMissingFileSaySo(@org.junit.jupiter.api.io.TempDir Path dir) {
        assertThatThrownBy(() -> parse("policy: {max_hosts_per_action: 5\n"))
                .hasMessageStartingWith("responses.yaml").hasMessageContaining("not valid YAML");
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> ResponseConfigFile.load(missing)).isInstanceOf(ConfigException.class)
                .hasMessage(missing + ": cannot be read (NoSuchFileException)");
    }

    @Test
    void theDescriptionShowsWhatWasUnderstoodAndReadsBackAsTheSameFile() throws Exception {
        ResponseConfig c = parse(FULL);
        String text = ResponseConfigFile.describe(c);
        assertThat(text).contains("command: [\"/opt/ops/act\"]   # and 2 arguments, not shown: they may hold keys\n")
                .doesNotContain("prod")
                .contains("timeout: 2m\n", "  max_throttle_share: 0.3\n", "  without_approval: [clean-up-resources]\n",
                        "  max_proposal_age: 10m\n", "  cpu_utilization: 'max(node_cpu_utilization_ratio{$target})'\n",
                        "  hosts: 'count(node_cpu_utilization_ratio{$target})'   # default\n");
        ResponseConfig back = parse(text);
        assertThat(back.command()).containsExactly("/opt/ops/act");
        assertThat(back.timeout()).isEqualTo(c.timeout());
        assertThat(back.policy()).isEqualTo(c.policy());
        assertThat(back.queries()).isEqualTo(c.queries());
        assertThat(parse(ResponseConfigFile.describe(ResponseConfig.defaults()))).isEqualTo(ResponseConfig.defaults());
    }

    @Test
    void theExampleInTheUserDocumentationIsValid() throws Exception {
        Path doc = Path.of("..", "docs", "incidents.md");
        Assumptions.assumeTrue(Files.exists(doc), "docs/incidents.md beside the module");
        String text = Files.readString(doc);
        int section = text.indexOf("## Automated responses on real systems");
        assertThat(section).as("the section in docs/incidents.md").isPositive();
        int start = text.indexOf("```yaml\n", section) + "```yaml\n".length();
        ResponseConfig c = ResponseConfigFile.parse(text.substring(start, text.indexOf("```", start)),
                "docs/incidents.md");
        assertThat(c.hasCommand()).isTrue();
        assertThat(c.policy()).isEqualTo(ResponsePolicy.defaults());
    }
}

package io.pharos.engine.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pharos.engine.model.Labels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class NotificationConfigFileTest {
    /** The example of docs/alerting.md. */
    static final String EXAMPLE = """
            external_url: http://pharos.example.com:9093
            receivers:
              - name: console
                desktop: {}
              - name: team-webhook
                webhook:
                  url: https://hooks.example.com/alertmanager
                  bearer_token: env:TEAM_WEBHOOK_TOKEN
                  timeout: 10s
              - name: pager
                command:
                  argv: [/usr/local/bin/page-oncall, --team, infra]
                  dir: /var/lib/pharos
                  timeout: 30s
            escalation_policies:
              - name: critical
                levels:
                  - receivers: [console, team-webhook]
                    timeout: 5m
                  - receivers: [pager]
                    timeout: 15m
              - name: everything-else
                levels:
                  - receivers: [console]
            routes:
              - match: ['severity="critical"']
                policy: critical
              - policy: everything-else
            retry:
              initial_backoff: 5s
              max_backoff: 5m
              jitter: 0.2
              max_age: 24h
            """;

    @Test
    void aDeliveryLogRetentionOfZeroIsRefusedWithWhereItIs() {
        assertThatThrownBy(() -> NotificationConfigFile.parse("""
                receivers: [{name: chat, desktop: {}}]
                delivery_log_retention: 0s
                """, "n.yaml")).hasMessage("n.yaml: delivery_log_retention: must be longer than zero, such as 30d");
        assertThatThrownBy(() -> NotificationConfigFile.parse("""
                receivers: [{name: chat, desktop: {}}]
                delivery_log_retention: forever
                """, "n.yaml")).hasMessageStartingWith("n.yaml: delivery_log_retention: 'forever' is not a duration");
    }

    @Test
    void readsTheDocumentedExample() throws Exception {
        NotificationConfig c = NotificationConfigFile.parse(EXAMPLE, "notifications.yaml");
        assertThat(c.externalUrl()).isEqualTo("http://pharos.example.com:9093");
        assertThat(c.receivers()).extracting(Receiver::name).containsExactly("console", "team-webhook", "pager");
        Receiver.Webhook w = (Receiver.Webhook) c.receiver("team-webhook").orElseThrow();
        assertThat(w.tokenRef()).isEqualTo("env:TEAM_WEBHOOK_TOKEN");
        assertThat(w.timeout()).isEqualTo(Duration.ofSeconds(10));
        Receiver.Command cmd = (Receiver.Command) c.receiver("pager").orElseThrow();
        assertThat(cmd.argv()).containsExactly("/usr/local/bin/page-oncall", "--team", "infra");
        assertThat(cmd.directory()).isEqualTo(Path.of("/var/lib/pharos"));
        EscalationPolicy p = c.policy("critical").orElseThrow();
        assertThat(p.levels()).hasSize(2);
        assertThat(p.levels().getFirst().timeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.route(Labels.of("severity", "critical", "region", "eu")).orElseThrow().name()).isEqualTo("critical");
        assertThat(c.route(Labels.of("severity", "warning")).orElseThrow().name()).isEqualTo("everything-else");
        assertThat(c.retry()).isEqualTo(RetryPolicy.DEFAULT);
    }

    @Test
    void theExampleInTheUserDocumentationIsValid() throws Exception {
        Path doc = Path.of("..", "docs", "alerting.md");
        Assumptions.assumeTrue(Files.exists(doc), "docs/alerting.md beside the module");
        String text = Files.readString(doc);
        int section = text.indexOf("## Notifications and escalation");
        assertThat(section).isPositive();
        int start = text.indexOf("```yaml\n", section) + "```yaml\n".length();
        String yaml = text.substring(start, text.indexOf("```", start));
        NotificationConfig c = NotificationConfigFile.parse(yaml, "docs/alerting.md");
        assertThat(c.receivers()).hasSize(3);
        assertThat(c.policies()).hasSize(2);
        assertThat(c.retry()).isEqualTo(RetryPolicy.DEFAULT);
    }

    @Test
    void receiversAloneGetEveryGroup() throws Exception {
        NotificationConfig c = NotificationConfigFile.parse("receivers:\n  - name: console\n    desktop: {}\n", "f");
        assertThat(c.route(Labels.EMPTY).orElseThrow().levels().getFirst().receivers()).containsExactly("console");
    }

    @Test
    void problemsSayWhereTheyAre() {
        assertThatThrownBy(() -> NotificationConfigFile.parse("""
                receivers:
                  - name: hook
                    webhook: {url: "https://x.example/", timeout: 10 seconds}
                """, "n.yaml")).hasMessage("n.yaml: receivers[0].webhook.timeout: '10 seconds' is not a duration: write a number and a"
                + " unit (ms, s, m, h, d, w, y), e.g. 500ms, 30m, 2h or 1h30m");
        assertThatThrownBy(() -> NotificationConfigFile.parse("""
                receivers:
                  - name: hook
                    webhok: {url: "https://x.example/"}
                """, "n.yaml")).hasMessageStartingWith("n.yaml: receivers[0].webhok: unknown key");
        assertThatThrownBy(() -> NotificationConfigFile.parse("""
                receivers: [{name: a, desktop: {}}]
                escalation_policies: [{name: p, levels: [{receivers: [b]}]}]
                routes: [{policy: p}]
                """, "n.yaml")).hasMessage("n.yaml: escalation policy p names receiver b, which is not defined");
        assertThatThrownBy(() -> NotificationConfigFile.parse("receivers: [{name: a, desktop: {}}]\nroutes: [{match: ['sev'], policy: x}]",
                "n.yaml")).hasMessageStartingWith("n.yaml: routes[0].match: not a matcher: sev");
    }

    @Test
    void aTokenWrittenIntoTheFileIsRefusedWithoutBeingRepeated() {
        assertThatThrownBy(() -> NotificationConfigFile.parse("""
                receivers:
                  - name: hook
                    webhook: {url: "https://x.example/", bearer_token: "abc123secret"}
                """, "n.yaml"))
                .hasMessage("n.yaml: receivers[0].webhook.bearer_token: must be a reference, env:NAME or file:PATH,"
                        + " not the token")
                .message().doesNotContain("abc123secret");
    }

    @Test
    void matchers() {
        assertThat(NotificationConfigFile.matcher("region=~\"eu-.*\"").matches(Labels.of("region", "eu-west-1"))).isTrue();
        assertThat(NotificationConfigFile.matcher("team!=\"db\"").matches(Labels.of("team", "db"))).isFalse();
    }
}

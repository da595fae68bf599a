package io.pharos.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `pharos responses check` and `--responses`, as a user runs them. */
class ResponsesCommandTest {
    @TempDir
    Path dir;

    @Test
    void checkPrintsThePolicyAndCommandAsUnderstoodWithoutTheArguments() throws Exception {
        Path file = dir.resolve("responses.yaml");
        Files.writeString(file, """
                command: [/opt/ops/act, --token, s3cret]
                policy:
                  max_actions_per_hour: 4
                  without_approval: []
                """);
        CommandRun r = CommandRun.of("responses", "check", file.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains(file + " is valid", "command: [\"/opt/ops/act\"]   # and 2 arguments",
                "timeout: 5m", "  max_actions_per_hour: 4", "  without_approval: []", "  max_hosts_per_action: 50",
                "  cpu_utilization: 'avg(node_cpu_utilization_ratio{$target})'   # default");
        assertThat(r.out()).doesNotContain("s3cret");
    }

    @Test
    void checkNamesWhereAProblemIsAndExitsWithOne() throws Exception {
        Path file = dir.resolve("responses.yaml");
        Files.writeString(file, "policy:\n  max_fleet_share: 2\n");
        CommandRun r = CommandRun.of("responses", "check", file.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith(file + ": policy.max_fleet_share: must be from 0 to 1");
    }

    @Test
    void aWrongResponsesFileStopsTheConsoleBeforeItOpensWithWhereTheProblemIs() throws Exception {
        Path file = dir.resolve("responses.yaml");
        Files.writeString(file, "command: /opt/ops/act --env prod\n");
        CommandRun r = CommandRun.of("--data-dir", dir.resolve("data").toString(), "--responses", file.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("pharos: " + file + ": command: must be a list")
                .contains("pharos responses check " + file);

        CommandRun missing = CommandRun.of("--data-dir", dir.resolve("data").toString(), "--responses",
                dir.resolve("nope.yaml").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.yaml: cannot be read");

        CommandRun off = CommandRun.of("--no-alerting", "--responses", file.toString());
        assertThat(off.code()).isEqualTo(2);
        assertThat(off.err()).contains("--responses needs alerting");
    }
}

package io.pharos.engine.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandRunnerTest {
    @TempDir
    Path dir;

    private final CommandRunner runner = new CommandRunner(Map.of("PATH", System.getenv("PATH"), "HOME", "/home/ana",
            "TEAM_WEBHOOK_TOKEN", "tok-not-for-children"));

    private static CommandRunner.Command sh(String script, Map<String, String> env, String stdin, Duration timeout,
                                            boolean merge) {
        return new CommandRunner.Command(List.of("sh", "-c", script), null, env,
                stdin.getBytes(StandardCharsets.UTF_8), timeout, 1024, merge);
    }

    @Test
    void theCommandGetsItsInputAndASmallEnvironmentWithoutThisProcesssSecrets() throws Exception {
        CommandRunner.Result r = runner.run(sh("cat; env", Map.of("PHAROS_RECEIVER", "pager"), "{\"x\":1}\n",
                Duration.ofSeconds(20), true));
        assertThat(r.succeeded()).isTrue();
        assertThat(r.output()).startsWith("{\"x\":1}\n").contains("PHAROS_RECEIVER=pager").contains("HOME=/home/ana")
                .doesNotContain("TEAM_WEBHOOK_TOKEN").doesNotContain("tok-not-for-children");
    }

    @Test
    void withoutMergingOnlyStandardErrorIsKept() throws Exception {
        CommandRunner.Result r = runner.run(sh("echo out; echo err >&2; exit 4", Map.of(), "", Duration.ofSeconds(20),
                false));
        assertThat(r.exitStatus()).isEqualTo(4);
        assertThat(r.output()).isEqualTo("err\n");
    }

    @Test
    void aCommandThatReadsNothingAndHangsIsKilledAtItsTimeoutWithItsChildren() throws Exception {
        // More input than a pipe holds, never read: writing it must not hold the timeout up.
        String input = "x".repeat(1 << 20);
        CommandRunner.Result r = runner.run(new CommandRunner.Command(List.of("sh", "-c",
                "sleep 60 & echo $! > child.pid; wait"), dir, Map.of(), input.getBytes(StandardCharsets.UTF_8),
                Duration.ofMillis(500), 1024, true));
        assertThat(r.timedOut()).isTrue();
        long child = Long.parseLong(Files.readString(dir.resolve("child.pid")).strip());
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(10); // the kill signal is sent; the system reaps the child a moment later
        }
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)).as("child alive").isFalse();
    }

    @Test
    void outputBeyondTheLimitIsCountedNotKept() throws Exception {
        CommandRunner.Result r = runner.run(new CommandRunner.Command(List.of("sh", "-c",
                "head -c 300000 /dev/zero | tr '\\0' x"), null, Map.of(), new byte[0], Duration.ofSeconds(30), 10, true));
        assertThat(r.output()).isEqualTo("x".repeat(10));
        assertThat(r.droppedBytes()).isEqualTo(299_990);
    }

    @Test
    void aProgramThatCannotStartSaysWhyInAPersonsWords() {
        assertThatThrownBy(() -> runner.run(new CommandRunner.Command(List.of(dir.resolve("missing").toString()), null,
                Map.of(), new byte[0], Duration.ofSeconds(1), 10, true)))
                .isInstanceOf(IOException.class)
                .satisfies(e -> assertThat(CommandRunner.reason((IOException) e)).isEqualTo("No such file or directory"));
    }
}

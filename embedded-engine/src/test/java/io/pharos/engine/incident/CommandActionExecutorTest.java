package io.pharos.engine.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The executor for real systems: a configured command, the action on its stdin, its exit status checked. */
class CommandActionExecutorTest {
    @TempDir
    Path dir;

    private static final ActionRequest REQUEST = new ActionRequest("INC-3-A1", "INC-3",
            new ResponseAction.ScaleCompute("us-east-1", "checkout", 6), "ana", 1_772_719_320_000L);

    private static CommandActionExecutor sh(String script, Duration timeout, int maxOutput) {
        return new CommandActionExecutor(List.of("sh", "-c", script), timeout, maxOutput);
    }

    @Test
    void theCommandGetsTheActionAsJsonOnStdinAndItsOutputIsKept() throws Exception {
        Path got = dir.resolve("stdin.json");
        String out = sh("cat > '" + got + "'; echo \"scaled $PHAROS_ACTION for $PHAROS_INCIDENT\"; echo warn >&2",
                Duration.ofSeconds(20), 1024).execute(REQUEST);
        assertThat(out).isEqualTo("scaled scale-compute for INC-3\nwarn\n");
        JsonNode json = IncidentJson.parse(Files.readString(got));
        assertThat(json.path("id").asText()).isEqualTo("INC-3-A1");
        assertThat(json.path("incident").asText()).isEqualTo("INC-3");
        assertThat(json.path("approvedBy").asText()).isEqualTo("ana");
        assertThat(json.path("at").asText()).isEqualTo("2026-03-05T14:02:00Z");
        assertThat(json.path("action").path("kind").asText()).isEqualTo("scale-compute");
        assertThat(json.path("action").path("region").asText()).isEqualTo("us-east-1");
        assertThat(json.path("action").path("hosts").asInt()).isEqualTo(6);
    }

    @Test
    void aNonZeroExitIsAFailureWithItsLastLine() {
        assertThatThrownBy(() -> sh("echo starting; echo 'quota exceeded' >&2; exit 3", Duration.ofSeconds(20), 1024)
                .execute(REQUEST)).isInstanceOf(ActionFailedException.class)
                .hasMessage("command sh exited with status 3: quota exceeded")
                .extracting(e -> ((ActionFailedException) e).output()).isEqualTo("starting\nquota exceeded\n");
    }

    @Test
    void aCommandThatOutlivesItsTimeoutIsStopped() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> sh("echo begun; sleep 30", Duration.ofMillis(500), 1024).execute(REQUEST))
                .isInstanceOf(ActionFailedException.class).hasMessageContaining("did not finish within 500 ms and was stopped")
                .extracting(e -> ((ActionFailedException) e).output()).asString().startsWith("begun\n");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void outputIsBoundedAndTheCommandIsNotBlockedByIt() {
        String out = sh("head -c 3000000 /dev/zero | tr '\\0' x; echo", Duration.ofSeconds(30), 100).execute(REQUEST);
        assertThat(out).startsWith("x".repeat(100) + "\n… (").endsWith(" more bytes of output not kept)");
        assertThat(out).contains("(2999901 more bytes");
    }

    @Test
    void theNameShowsTheProgramOnlyAsArgumentsMayHoldKeys() {
        assertThat(new CommandActionExecutor(List.of("/usr/local/bin/respond", "--api-key", "k-123")).name())
                .isEqualTo("command /usr/local/bin/respond");
    }

    @Test
    void aMissingProgramIsAFailureThatSaysSo() {
        assertThatThrownBy(() -> new CommandActionExecutor(List.of(dir.resolve("no-such-program").toString()))
                .execute(REQUEST)).isInstanceOf(ActionFailedException.class)
                .hasMessageEndingWith("no-such-program (No such file or directory); fix the response command");
        assertThatThrownBy(() -> new CommandActionExecutor(List.of())).hasMessageContaining("needs a program");
    }
}

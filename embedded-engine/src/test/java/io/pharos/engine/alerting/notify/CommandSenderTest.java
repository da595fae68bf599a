package io.pharos.engine.alerting.notify;

import static io.pharos.engine.alerting.notify.Fixtures.FAST;
import static io.pharos.engine.alerting.notify.Fixtures.await;
import static io.pharos.engine.alerting.notify.Fixtures.firing;
import static io.pharos.engine.alerting.notify.Fixtures.firingGroup;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pharos.engine.model.Labels;
import io.pharos.engine.store.StateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandSenderTest {
    private static final long T0 = 1_735_689_600_000L;

    @TempDir
    Path dir;

    private static Delivery delivery(String payload) {
        return Delivery.queued(7, "cmd", "{}:{}", "firing", T0, payload);
    }

    private static String payload() {
        return AlertmanagerPayload.render("cmd", Labels.of("region", "eu"),
                List.of(firing("HighCpu", "a", "eu", "critical", T0)), "", AlertDetails.NONE);
    }

    @Test
    void theCommandReadsThePayloadFromStandardInput() throws Exception {
        Path out = dir.resolve("out.json");
        CommandSender s = new CommandSender(new Receiver.Command("cmd", List.of("sh", "-c", "cat > out.json"), dir,
                Duration.ofSeconds(10)));
        String payload = payload();
        assertThat(s.send(delivery(payload))).isInstanceOf(SendResult.Delivered.class);
        assertThat(Files.readString(out)).isEqualTo(payload);
        JsonNode p = new ObjectMapper().readTree(Files.readString(out));
        assertThat(p.path("alerts").get(0).path("labels").path("severity").asText()).isEqualTo("critical");
    }

    @Test
    void aNonZeroExitIsRetriedWithStandardErrorInTheMessage() {
        CommandSender s = new CommandSender(new Receiver.Command("cmd",
                List.of("sh", "-c", "cat >/dev/null; echo 'pager: no route to host' >&2; exit 3"), null,
                Duration.ofSeconds(10)));
        SendResult r = s.send(delivery(payload()));
        assertThat(r).isInstanceOf(SendResult.Retry.class);
        assertThat(((SendResult.Retry) r).error()).isEqualTo("sh exited with status 3: pager: no route to host");
    }

    @Test
    void standardErrorIsBounded() {
        CommandSender s = new CommandSender(new Receiver.Command("cmd",
                List.of("sh", "-c", "i=0; while [ $i -lt 2000 ]; do echo 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' >&2;"
                        + " i=$((i+1)); done; exit 1"), null, Duration.ofSeconds(10)));
        SendResult.Retry r = (SendResult.Retry) s.send(delivery(payload()));
        assertThat(r.error().length()).isLessThan(CommandSender.STDERR_IN_MESSAGE + 100);
    }

    @Test
    void aCommandThatOutlivesItsTimeoutIsKilledWithItsChildren() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        CommandSender s = new CommandSender(new Receiver.Command("cmd",
                List.of("sh", "-c", "sleep 60 & echo $! > child.pid; wait"), dir, Duration.ofMillis(500)));
        long started = System.nanoTime();
        SendResult r = s.send(delivery(payload()));
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(r).isInstanceOf(SendResult.Retry.class);
        assertThat(((SendResult.Retry) r).error()).isEqualTo("sh did not finish within 500 ms and was killed");
        assertThat(tookMs).isLessThan(5_000);
        long child = Long.parseLong(Files.readString(pidFile).strip());
        await("the child is gone", () -> ProcessHandle.of(child).map(h -> !h.isAlive()).orElse(true));
    }

    @Test
    void aCommandThatCannotStartFailsForGoodAndSaysWhatToFix() throws Exception {
        CommandSender missing = new CommandSender(new Receiver.Command("pager", List.of("/nonexistent/pharos-hook"), null,
                Duration.ofSeconds(1)));
        SendResult r = missing.send(delivery(payload()));
        assertThat(r).isInstanceOf(SendResult.Permanent.class);
        assertThat(((SendResult.Permanent) r).error()).isEqualTo(
                "cannot start /nonexistent/pharos-hook (No such file or directory); fix the command of receiver pager");

        Path script = Files.writeString(dir.resolve("hook.sh"), "#!/bin/sh\nexit 0\n"); // not executable
        CommandSender notExecutable = new CommandSender(new Receiver.Command("pager", List.of(script.toString()), null,
                Duration.ofSeconds(1)));
        SendResult r2 = notExecutable.send(delivery(payload()));
        assertThat(r2).isInstanceOf(SendResult.Permanent.class);
        assertThat(((SendResult.Permanent) r2).error()).isEqualTo(
                "cannot start " + script + " (Permission denied); fix the command of receiver pager");
    }

    @Test
    void throughTheServiceAFailingCommandIsRetriedUntilItSucceeds() throws Exception {
        // Fails the first time (no marker yet), succeeds the second.
        Receiver cmd = new Receiver.Command("cmd", List.of("sh", "-c",
                "if [ -f marker ]; then cat > out.json; else touch marker; cat >/dev/null; exit 1; fi"), dir,
                Duration.ofSeconds(10));
        try (StateStore store = StateStore.open(dir.resolve("data"));
             NotificationService svc = NotificationService.builder(store, NotificationConfig.simple(List.of(cmd))
                     .withRetry(FAST)).open()) {
            svc.start();
            svc.submit(List.of(firingGroup(T0, firing("HighCpu", "a", "eu", "warning", T0))));
            await("delivered", () -> !svc.log(null, 0, Long.MAX_VALUE, 10).isEmpty());
            DeliveryRecord rec = svc.log("cmd", 0, Long.MAX_VALUE, 10).getFirst();
            assertThat(rec.outcome()).isEqualTo(DeliveryRecord.Outcome.DELIVERED);
            assertThat(rec.attempts()).isEqualTo(2);
            assertThat(rec.history().getFirst().error()).isEqualTo("sh exited with status 1");
            assertThat(new ObjectMapper().readTree(Files.readString(dir.resolve("out.json"))).path("receiver").asText())
                    .isEqualTo("cmd");
        }
    }
}

package io.pharos.tests.durability;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.pharos.engine.alerting.notify.DeliveryRecord;
import io.pharos.engine.alerting.notify.NotificationService;
import io.pharos.engine.store.StateStore;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every notification whose enqueue returned survives kill -9 of the engine process, while its
 * webhook was down and being retried, and is delivered once the engine runs again.
 */
class KillWithQueuedNotificationsTest {
    @TempDir
    Path dir;

    @Test
    void everyQueuedNotificationIsDeliveredAfterKillNine() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            deadPort = s.getLocalPort();
        }
        long lastAck = runAndKill("http://127.0.0.1:" + deadPort + "/hook", 150);
        assertThat(lastAck).isGreaterThanOrEqualTo(149);

        Set<Long> received = ConcurrentHashMap.newKeySet();
        Pattern n = Pattern.compile("\"n\":\"(\\d+)\"");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            Matcher m = n.matcher(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (m.find()) {
                received.add(Long.parseLong(m.group(1)));
            }
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
        try (StateStore store = StateStore.open(dir); NotificationService svc = NotificationService
                .builder(store, NotificationEnqueuer.config("http://127.0.0.1:" + server.getAddress().getPort() + "/hook"))
                .open()) {
            assertThat(svc.pending().size()).isGreaterThanOrEqualTo((int) lastAck + 1);
            svc.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!svc.pending().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(svc.pending()).isEmpty();
            for (long i = 0; i <= lastAck; i++) {
                assertThat(received).as("notification %d delivered", i).contains(i);
            }
            assertThat(svc.log("hook", 0, Long.MAX_VALUE, 100_000)).allSatisfy(
                    r -> assertThat(r.outcome()).isEqualTo(DeliveryRecord.Outcome.DELIVERED));
        } finally {
            server.stop(0);
        }
    }

    private long runAndKill(String deadUrl, int acks) throws Exception {
        List<String> lines = KilledChild.run(NotificationEnqueuer.class, List.of(dir.toString(), deadUrl),
                l -> KilledChild.count(l, "ACK ") >= acks);
        return lines.stream().filter(l -> l.startsWith("ACK ")).mapToLong(l -> Long.parseLong(l.substring(4))).max()
                .orElse(-1);
    }
}

package io.pharos.tests.durability;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.pharos.engine.alerting.notify.DeliveryRecord;
import io.pharos.engine.alerting.notify.NotificationService;
import io.pharos.engine.store.StateStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(java, "-cp", cp, NotificationEnqueuer.class.getName(), dir.toString(), deadUrl)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        long last = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            int seen = 0;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    last = Long.parseLong(line.substring(4));
                    if (++seen >= acks) {
                        break;
                    }
                }
            }
            p.destroyForcibly(); // SIGKILL: no close, no shutdown hook
            p.waitFor(30, TimeUnit.SECONDS);
        } finally {
            p.destroyForcibly();
        }
        assertThat(p.exitValue()).as("killed by signal 9").isEqualTo(137);
        return last;
    }
}

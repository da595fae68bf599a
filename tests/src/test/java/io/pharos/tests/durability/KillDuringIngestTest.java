package io.pharos.tests.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.store.SeriesSamples;
import io.pharos.engine.store.StoreOptions;
import io.pharos.engine.store.TimeSeriesStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durability contract: what the store acknowledged survives kill -9 of the writing process.
 * A real subprocess writes and is killed (SIGKILL) at random moments, three times in a row on the
 * same store; after each kill the store opens and every acknowledged batch is there, exactly.
 */
class KillDuringIngestTest {
    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedBatchSurvivesKillNine() throws Exception {
        Random rnd = new Random(20261123);
        long next = 0;
        for (int round = 0; round < 3; round++) {
            int killAfter = 40 + rnd.nextInt(200);
            long lastAck = runAndKill(next, killAfter);
            assertThat(lastAck).isGreaterThanOrEqualTo(next + killAfter - 1);
            verify(lastAck);
            next = lastAck + 1;
        }
    }

    private long runAndKill(long start, int acks) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(java, "-cp", cp, CrashWriter.class.getName(), dir.toString(), Long.toString(start),
                Long.toString(CrashWriter.T0))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        long last = -1;
        List<String> unexpected = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            int seen = 0;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    last = Long.parseLong(line.substring(4));
                    if (++seen >= acks) {
                        break;
                    }
                } else {
                    unexpected.add(line);
                }
            }
            p.destroyForcibly(); // SIGKILL: no shutdown hook, no close
            p.waitFor(30, TimeUnit.SECONDS);
        } finally {
            p.destroyForcibly();
        }
        assertThat(unexpected).isEmpty();
        assertThat(p.exitValue()).as("killed by signal 9").isEqualTo(137);
        return last;
    }

    private void verify(long lastAck) {
        StoreOptions options = StoreOptions.defaults().withCompaction(Duration.ZERO, Duration.ofSeconds(30));
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, options)) {
            for (int s = 0; s < CrashWriter.SERIES; s += 37) {
                SeriesSamples got = store.read(store.ref(CrashWriter.key(s)), CrashWriter.T0,
                        CrashWriter.T0 + lastAck * CrashWriter.STEP_MS);
                assertThat(got.size()).as("samples of series %d up to batch %d", s, lastAck).isEqualTo(lastAck + 1);
                for (int b = 0; b <= lastAck; b++) {
                    assertThat(got.timestamps()[b]).isEqualTo(CrashWriter.T0 + b * CrashWriter.STEP_MS);
                    assertThat(got.values()[b]).isEqualTo(CrashWriter.value(b, s));
                }
            }
        }
    }
}

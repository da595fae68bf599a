package io.pharos.tests.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.store.SeriesSamples;
import io.pharos.engine.store.StoreOptions;
import io.pharos.engine.store.TimeSeriesStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
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
        List<String> lines = KilledChild.run(CrashWriter.class, List.of(dir.toString(), Long.toString(start),
                Long.toString(CrashWriter.T0)), l -> KilledChild.count(l, "ACK ") >= acks);
        assertThat(lines).allMatch(l -> l.startsWith("ACK "));
        return Long.parseLong(lines.getLast().substring(4));
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

package io.pharos.tests.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pharos.engine.model.SeriesKey;
import io.pharos.engine.store.Appender;
import io.pharos.engine.store.StoreException;
import io.pharos.engine.store.StoreOptions;
import io.pharos.engine.store.TimeSeriesStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real file-system faults, not simulated ones: the store on a read-only mount and on a tiny
 * file system that fills up. Needs root to mount (as the project's machines and CI run); elsewhere
 * the tests are skipped and say why.
 */
class FilesystemFaultsTest {
    @TempDir
    Path dir;
    private Path mounted;

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    private Path mountTmpfs(String options) throws Exception {
        Path mountPoint = Files.createDirectory(dir.resolve("mnt"));
        int code = run("mount", "-t", "tmpfs", "-o", options, "tmpfs", mountPoint.toString());
        assumeTrue(code == 0, "mounting a tmpfs needs root (exit " + code + "); skipped");
        mounted = mountPoint;
        return mountPoint;
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null) {
            run("umount", "--lazy", mounted.toString()); // lazy: a file handle the GC has not yet released
        }
    }

    @Test
    void aReadOnlyDataDirectoryIsExplainedAndNothingIsWritten() throws Exception {
        Path ro = mountTmpfs("ro,size=1m");
        assertThatThrownBy(() -> TimeSeriesStore.open(ro, StoreOptions.defaults()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("read-only")
                .hasMessageContaining("--data-dir")
                .extracting(e -> ((StoreException) e).kind()).isEqualTo(StoreException.Kind.READ_ONLY);
        try (var files = Files.list(ro)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aFullDiskFailsCommitsClearlyAndKeepsWhatWasAcknowledged() throws Exception {
        Path small = mountTmpfs("size=4m");
        StoreOptions options = StoreOptions.defaults().withCompaction(Duration.ZERO, Duration.ofMinutes(1));
        SeriesKey kept = SeriesKey.of("kept", "host", "a");
        long t0 = System.currentTimeMillis() - 3_600_000L;
        long acknowledged = 0;
        StoreException failure = null;
        try (TimeSeriesStore store = TimeSeriesStore.open(small, options)) {
            Appender app = store.appender();
            Random rnd = new Random(3);
            for (int batch = 0; batch < 10_000 && failure == null; batch++) {
                for (int i = 0; i < 1000; i++) {
                    app.append(SeriesKey.of("filler", "i", Integer.toString(i)), t0 + batch * 1000L, rnd.nextDouble());
                }
                app.append(kept, t0 + batch * 1000L, batch);
                try {
                    app.commit();
                    acknowledged = batch + 1;
                } catch (StoreException e) {
                    failure = e;
                }
            }
            assertThat(failure).as("a 4 MB file system fills up").isNotNull();
            assertThat(failure.kind()).isEqualTo(StoreException.Kind.DISK_FULL);
            assertThat(failure.getMessage()).contains("disk is full");
            assertThat(store.read(store.ref(kept), t0, Long.MAX_VALUE).size()).isEqualTo(acknowledged);
        }
        try (TimeSeriesStore store = TimeSeriesStore.open(small, options)) {
            var samples = store.read(store.ref(kept), t0, Long.MAX_VALUE);
            assertThat(samples.size()).as("acknowledged batches after reopening").isEqualTo(acknowledged);
            assertThat(samples.values()[(int) acknowledged - 1]).isEqualTo(acknowledged - 1);
        }
    }
}

package io.pharos.engine.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pharos.engine.model.SeriesKey;
import io.pharos.engine.store.HistoryWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FleetHistoryGeneratorTest {
    /** Not aligned to the step on purpose: the first sample is the next multiple of 15 s. */
    private static final Instant FROM = Instant.parse("2025-03-05T00:00:07Z");
    private static final Instant TO = FROM.plus(Duration.ofHours(1));
    private static final Duration STEP = Duration.ofSeconds(15);
    private static final Duration BLOCK = Duration.ofMinutes(20);

    private final ReferenceFleet fleet = new ReferenceFleet(8, 7);

    @Test
    void writesEverySeriesAtEveryStepInAscendingOrder() throws Exception {
        RecordingWriter writer = new RecordingWriter();
        List<long[]> progress = new ArrayList<>();
        var generator = new FleetHistoryGenerator(fleet, STEP, BLOCK, 1);

        long written = generator.generate(FROM, TO, writer, (done, total) -> progress.add(new long[] {done, total}));

        long steps = 240; // 00:00:15 .. 01:00:00
        assertThat(generator.stepsBetween(FROM, TO)).isEqualTo(steps);
        assertThat(written).isEqualTo(steps * fleet.size()).isEqualTo(writer.samplesWritten());
        assertThat(writer.series).hasSize(fleet.size());
        long first = Instant.parse("2025-03-05T00:00:15Z").toEpochMilli();
        for (int i = 0; i < fleet.size(); i += 7) {
            List<long[]> samples = writer.series.get(fleet.key(i));
            assertThat(samples).hasSize((int) steps);
            for (int k = 0; k < steps; k++) {
                assertThat(samples.get(k)[0]).isEqualTo(first + k * STEP.toMillis());
                assertThat(Double.longBitsToDouble(samples.get(k)[1])).isEqualTo(fleet.value(i, samples.get(k)[0]));
            }
        }
        assertThat(writer.calls).as("one call per series per 20-minute block of the epoch: 00:00:07-01:00:07 touches four")
                .isEqualTo(4L * fleet.size());
        assertThat(progress).isNotEmpty();
        assertThat(progress.getLast()).containsExactly(written, written);
        for (int i = 1; i < progress.size(); i++) {
            assertThat(progress.get(i)[0]).isGreaterThan(progress.get(i - 1)[0]);
        }
    }

    @Test
    void severalThreadsWriteTheSameFromTheCallingThreadOnly() throws Exception {
        RecordingWriter single = new RecordingWriter();
        new FleetHistoryGenerator(fleet, STEP, BLOCK, 1).generate(FROM, TO, single, HistoryProgress.NONE);
        RecordingWriter parallel = new RecordingWriter();
        new FleetHistoryGenerator(fleet, STEP, BLOCK, 3).generate(FROM, TO, parallel, HistoryProgress.NONE);

        assertThat(parallel.threads).containsExactly(Thread.currentThread());
        assertThat(parallel.series.keySet()).containsExactlyElementsOf(single.series.keySet());
        for (SeriesKey key : single.series.keySet()) {
            List<long[]> a = single.series.get(key);
            List<long[]> b = parallel.series.get(key);
            assertThat(b).hasSameSizeAs(a);
            for (int k = 0; k < a.size(); k++) {
                assertThat(b.get(k)).containsExactly(a.get(k));
            }
        }
    }

    @Test
    void anEmptyRangeWritesNothing() throws Exception {
        RecordingWriter writer = new RecordingWriter();
        var generator = new FleetHistoryGenerator(fleet);
        assertThat(generator.generate(FROM, FROM, writer, HistoryProgress.NONE)).isZero();
        assertThat(writer.calls).isZero();
    }

    @Test
    void anInterruptedCallerStopsWithInterruptedException() {
        var generator = new FleetHistoryGenerator(fleet, STEP, BLOCK, 1);
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> generator.generate(FROM, TO, new RecordingWriter(), HistoryProgress.NONE))
                    .isInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted();
        }
    }

    /** A HistoryWriter that remembers what it was given; not thread-safe, like real ones. */
    private static final class RecordingWriter implements HistoryWriter {
        final Map<SeriesKey, List<long[]>> series = new LinkedHashMap<>();
        final Set<Thread> threads = new HashSet<>();
        long calls;
        long samples;

        @Override
        public void append(SeriesKey key, long timestampMs, double value) {
            throw new AssertionError("the generator writes whole series");
        }

        @Override
        public void appendSeries(SeriesKey key, long[] timestampsMs, double[] values, int count) {
            threads.add(Thread.currentThread());
            calls++;
            long block = BLOCK.toMillis();
            assertThat(Math.floorDiv(timestampsMs[count - 1], block)).as("one call stays in one block of the epoch")
                    .isEqualTo(Math.floorDiv(timestampsMs[0], block));
            List<long[]> list = series.computeIfAbsent(key, k -> new ArrayList<>());
            for (int i = 0; i < count; i++) {
                if (!list.isEmpty()) {
                    assertThat(timestampsMs[i]).as("ascending %s", key).isGreaterThan(list.getLast()[0]);
                }
                list.add(new long[] {timestampsMs[i], Double.doubleToLongBits(values[i])});
            }
            samples += count;
        }

        @Override
        public long samplesWritten() {
            return samples;
        }

        @Override
        public void close() {
        }
    }
}

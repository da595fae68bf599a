package io.pharos.engine.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.model.SeriesKey;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Millions of lines stream through without the input ever being in memory. */
class StreamingImportTest {

    @Test
    void importsMillionsOfGeneratedLines() throws IOException {
        long lines = 3_000_000;
        int series = 1200;
        Checker checker = new Checker(series);

        ParseResult result = new OpenMetricsParser().parse(new GeneratedOpenMetricsReader(lines, series), "generated.om", checker);

        assertThat(result.samples()).isEqualTo(lines);
        assertThat(result.lines()).isEqualTo(lines + 1);
        assertThat(result.series()).isEqualTo(series);
        assertThat(result.seriesCountExact()).isTrue();
        assertThat(result.warnings()).isEmpty();
        assertThat(result.timeRange()).contains(new ParseResult.TimeRange(
                GeneratedOpenMetricsReader.timestampMsOf(0, series), GeneratedOpenMetricsReader.timestampMsOf(lines - 1, series)));
        assertThat(checker.mismatches).isZero();
        assertThat(checker.count).isEqualTo(lines);
    }

    /** Checks each sample against what the generator wrote on that line, keeping nothing. */
    private static final class Checker implements SampleConsumer {
        private final int series;
        long count;
        long mismatches;

        Checker(int series) {
            this.series = series;
        }

        @Override
        public void accept(SeriesKey key, long timestampMs, double value) {
            int s = (int) (count % series);
            boolean ok = value == GeneratedOpenMetricsReader.valueOf(count)
                    && timestampMs == GeneratedOpenMetricsReader.timestampMsOf(count, series)
                    && key.labels().get("host").equals("host-" + s / 6)
                    && key.labels().get("region").equals("region-" + s % 6);
            if (!ok) {
                mismatches++;
            }
            count++;
        }
    }
}

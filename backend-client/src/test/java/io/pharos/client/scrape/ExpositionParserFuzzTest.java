package io.pharos.client.scrape;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pharos.engine.model.Labels;
import io.pharos.engine.model.SeriesKey;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Any text an exporter sends either parses line by line or is refused with an
 * {@link ExpositionParser.ExpositionException}: never another exception. What parses writes back in the
 * format and parses again to the same series and value. Seeds in
 * {@code src/test/resources/io/pharos/client/scrape/ExpositionParserFuzzTestInputs/}; fuzzed in CI for a
 * bounded time by scripts/fuzz.
 */
class ExpositionParserFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void anyLineParsesOrIsRefused(byte[] input) {
        ExpositionParser parser = new ExpositionParser(Map.of("job", "fuzz"));
        for (String line : new String(input, StandardCharsets.UTF_8).split("\n", -1)) {
            try {
                parser.line(line, (key, ts, value) -> {
                    String again = write(key, ts, value);
                    new ExpositionParser(Map.of()).line(again, (k2, ts2, v2) -> {
                        if (!k2.equals(key) || ts2 != ts
                                || Double.doubleToLongBits(v2) != Double.doubleToLongBits(value)) {
                            throw new AssertionError("'" + line + "' -> '" + again + "' reads back as " + k2 + " "
                                    + v2 + " " + ts2);
                        }
                    });
                });
            } catch (ExpositionParser.ExpositionException refused) {
                // refused with a reason
            }
        }
    }

    /** The sample as an exporter would write it. */
    private static String write(SeriesKey key, long ts, double value) {
        StringBuilder out = new StringBuilder(key.metric());
        Labels labels = key.labels();
        out.append('{');
        for (int i = 0; i < labels.size(); i++) {
            out.append(i == 0 ? "" : ",").append(labels.name(i)).append("=\"");
            String v = labels.value(i);
            for (int j = 0; j < v.length(); j++) {
                char c = v.charAt(j);
                out.append(switch (c) {
                    case '\\' -> "\\\\";
                    case '"' -> "\\\"";
                    case '\n' -> "\\n";
                    default -> String.valueOf(c);
                });
            }
            out.append('"');
        }
        out.append("} ").append(Double.isNaN(value) ? "NaN" : Double.isInfinite(value) ? (value > 0 ? "+Inf" : "-Inf")
                : Double.toString(value));
        if (ts != Long.MIN_VALUE) {
            out.append(' ').append(ts);
        }
        return out.toString();
    }
}

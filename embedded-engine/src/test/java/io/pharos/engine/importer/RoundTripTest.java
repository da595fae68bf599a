package io.pharos.engine.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.importer.FakeHistoryWriter.Sample;
import io.pharos.engine.model.Labels;
import io.pharos.engine.model.SeriesKey;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/** Property: anything OpenMetricsWriter writes, OpenMetricsParser reads back bit for bit. */
class RoundTripTest {

    private static final String NAME_START = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_";
    private static final String NAME_REST = NAME_START + "0123456789";
    private static final String[] VALUE_PIECES = {
        "a", "Z", "0", " ", "\\", "\"", "\n", "\\n", "\\\"", "{", "}", ",", "=", "#", "\t", "é", "€", "日本", "\uD83D\uDE00", "eu-west-1",
    };

    @RepeatedTest(20)
    void randomSamplesSurviveWriteThenParse(RepetitionInfo repetition) throws IOException {
        Random random = new Random(1000L + repetition.getCurrentRepetition());
        List<Sample> written = randomSamples(random);

        StringWriter text = new StringWriter();
        try (OpenMetricsWriter writer = new OpenMetricsWriter(text)) {
            for (Sample s : written) {
                writer.write(s.key(), s.timestampMs(), s.value());
            }
        }
        FakeHistoryWriter read = new FakeHistoryWriter();
        ParseResult result = new OpenMetricsParser().parse(new StringReader(text.toString()), "round-trip.om", read::append);

        assertThat(result.warnings()).isEmpty();
        assertThat(read.samples).hasSameSizeAs(written);
        for (int i = 0; i < written.size(); i++) {
            Sample expected = written.get(i);
            Sample actual = read.samples.get(i);
            assertThat(actual.sameAs(expected))
                    .as("sample %d: wrote %s %d %s, read %s %d %s", i, expected.key(), expected.timestampMs(),
                            expected.value(), actual.key(), actual.timestampMs(), actual.value())
                    .isTrue();
        }
    }

    /** Families one after another (OpenMetrics wants them together), series interleaved within. */
    private static List<Sample> randomSamples(Random random) {
        Map<String, List<SeriesKey>> families = new LinkedHashMap<>();
        while (families.size() < 1 + random.nextInt(8)) {
            String metric = name(random, true);
            List<SeriesKey> series = new ArrayList<>();
            for (int i = 1 + random.nextInt(6); i > 0; i--) {
                series.add(new SeriesKey(metric, labels(random)));
            }
            families.putIfAbsent(metric, series);
        }
        List<Sample> samples = new ArrayList<>();
        for (List<SeriesKey> series : families.values()) {
            for (int i = random.nextInt(60); i >= 0; i--) {
                samples.add(new Sample(series.get(random.nextInt(series.size())), timestamp(random), value(random)));
            }
        }
        return samples;
    }

    private static String name(Random random, boolean metric) {
        StringBuilder sb = new StringBuilder();
        String start = metric ? NAME_START + ":" : NAME_START;
        String rest = metric ? NAME_REST + ":" : NAME_REST;
        sb.append(start.charAt(random.nextInt(start.length())));
        for (int i = random.nextInt(12); i > 0; i--) {
            sb.append(rest.charAt(random.nextInt(rest.length())));
        }
        return sb.toString();
    }

    private static Labels labels(Random random) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            String name = name(random, false);
            if (!name.equals("__name__")) {
                labels.put(name, labelValue(random));
            }
        }
        return Labels.of(labels);
    }

    private static String labelValue(Random random) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1 + random.nextInt(6); i > 0; i--) {
            sb.append(VALUE_PIECES[random.nextInt(VALUE_PIECES.length)]);
        }
        return sb.toString();
    }

    private static long timestamp(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> NumberText.MIN_MILLIS + (long) (random.nextDouble() * (NumberText.MAX_MILLIS - NumberText.MIN_MILLIS));
            case 1 -> 1_700_000_000_000L + random.nextInt(1_000_000_000);
            case 2 -> random.nextInt(2001) - 1000;
            default -> random.nextBoolean() ? NumberText.MAX_MILLIS : NumberText.MIN_MILLIS;
        };
    }

    private static double value(Random random) {
        return switch (random.nextInt(12)) {
            case 0 -> Double.NaN;
            case 1 -> random.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            case 2 -> random.nextBoolean() ? 0.0 : -0.0;
            case 3 -> random.nextBoolean() ? Double.MIN_VALUE : -Double.MAX_VALUE;
            case 4 -> Double.MIN_NORMAL * random.nextDouble();
            case 5 -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(600) - 300);
            case 6 -> Math.round(random.nextDouble() * 1e9) / 1e3;
            case 7 -> random.nextInt();
            case 8 -> random.nextLong();
            case 9 -> 0.1 + 0.2;
            default -> {
                double d = Double.longBitsToDouble(random.nextLong());
                yield Double.isNaN(d) ? Double.NaN : d;
            }
        };
    }
}

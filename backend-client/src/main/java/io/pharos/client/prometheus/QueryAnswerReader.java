package io.pharos.client.prometheus;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the answer of a Prometheus query ({@code {"status":"success","data":{"resultType":"matrix",
 * "result":[{"metric":{…},"values":[[1700000000.5,"1"],…]}]}}}) as it arrives, handing each series to a
 * consumer, so that an answer is never held twice. Bounded: past {@code maxSamples} the answer is
 * refused. Native histograms are skipped and counted (the console's store holds floats).
 */
final class QueryAnswerReader {

    /** What is done with each series of the answer. */
    interface SeriesConsumer {
        /** {@code metric}: the series' labels, {@code __name__} included when it has one. */
        void series(Map<String, String> metric, long[] timestampsMs, double[] values, int count);
    }

    /** How the answer went: its type, counts, and Prometheus' warnings. */
    record Summary(String resultType, int series, long samples, int histogramsSkipped, List<String> warnings) {
    }

    /** Thrown for an answer that is not a query's (or says status error with a 200). */
    static final class MalformedAnswer extends Exception {
        /** The answer is well formed but larger than the bound: a smaller question may do. */
        final boolean tooLarge;

        MalformedAnswer(String message) {
            this(message, false);
        }

        MalformedAnswer(String message, boolean tooLarge) {
            super(message, null, false, false);
            this.tooLarge = tooLarge;
        }
    }

    /** Prometheus said {@code "status":"error"}: its errorType and error. */
    static final class ErrorAnswer extends Exception {
        final String errorType;

        ErrorAnswer(String errorType, String error) {
            super(error, null, false, false);
            this.errorType = errorType;
        }
    }

    private final long maxSamples;
    private String resultType;
    private int series;
    private long samples;
    private int histograms;

    QueryAnswerReader(long maxSamples) {
        this.maxSamples = maxSamples;
    }

    Summary read(JsonParser p, SeriesConsumer consumer) throws IOException, MalformedAnswer, ErrorAnswer {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new MalformedAnswer("the answer is not a JSON object");
        }
        String status = null;
        String errorType = null;
        String error = null;
        boolean data = false;
        List<String> warnings = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "status" -> status = p.getValueAsString();
                case "errorType" -> errorType = p.getValueAsString();
                case "error" -> error = p.getValueAsString();
                case "warnings", "infos" -> {
                    if (t == JsonToken.START_ARRAY) {
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            if (warnings.size() < 10) {
                                warnings.add(p.getValueAsString());
                            }
                            p.skipChildren();
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                case "data" -> {
                    if (t != JsonToken.START_OBJECT) {
                        throw new MalformedAnswer("\"data\" is not an object");
                    }
                    data(p, consumer);
                    data = true;
                }
                default -> p.skipChildren();
            }
        }
        if ("error".equals(status)) {
            throw new ErrorAnswer(errorType == null ? "error" : errorType, error == null ? "" : error);
        }
        if (!"success".equals(status)) {
            throw new MalformedAnswer("its status is " + (status == null ? "missing" : "\"" + status + "\"")
                    + ", not \"success\"");
        }
        if (!data) {
            throw new MalformedAnswer("it holds no \"data\"");
        }
        return new Summary(resultType, series, samples, histograms, List.copyOf(warnings));
    }

    private void data(JsonParser p, SeriesConsumer consumer) throws IOException, MalformedAnswer {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            if (field.equals("resultType")) {
                resultType = p.getValueAsString();
            } else if (field.equals("result")) {
                if (t != JsonToken.START_ARRAY) {
                    throw new MalformedAnswer("\"result\" is not an array");
                }
                result(p, consumer);
            } else {
                p.skipChildren();
            }
        }
    }

    private void result(JsonParser p, SeriesConsumer consumer) throws IOException, MalformedAnswer {
        if ("string".equals(resultType)) {
            throw new MalformedAnswer("the query gives a string, not numbers");
        }
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
            // a scalar: [time, "value"]
            long ts = time(p);
            p.nextToken();
            double v = value(p);
            if (p.nextToken() != JsonToken.END_ARRAY) {
                throw new MalformedAnswer("a scalar is not [time, \"value\"]");
            }
            count(1);
            series++;
            consumer.series(Map.of(), new long[] {ts}, new double[] {v}, 1);
            return;
        }
        for (; t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t != JsonToken.START_OBJECT) {
                throw new MalformedAnswer("a result is not an object");
            }
            seriesObject(p, consumer);
        }
    }

    private void seriesObject(JsonParser p, SeriesConsumer consumer) throws IOException, MalformedAnswer {
        Map<String, String> metric = null;
        long[] ts = new long[1];
        double[] vs = new double[1];
        int n = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "metric" -> metric = metric(p, t);
                case "value" -> {
                    pair(p, t);
                    ts[0] = time(p);
                    p.nextToken();
                    vs[0] = value(p);
                    end(p);
                    n = 1;
                    count(1);
                }
                case "values" -> {
                    if (t != JsonToken.START_ARRAY) {
                        throw new MalformedAnswer("\"values\" is not an array");
                    }
                    for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
                        pair(p, v);
                        if (n == ts.length) {
                            ts = Arrays.copyOf(ts, n * 2);
                            vs = Arrays.copyOf(vs, n * 2);
                        }
                        ts[n] = time(p);
                        p.nextToken();
                        vs[n] = value(p);
                        end(p);
                        n++;
                        count(1);
                    }
                }
                case "histogram" -> {
                    histograms++;
                    p.skipChildren();
                }
                case "histograms" -> {
                    if (t == JsonToken.START_ARRAY) {
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            histograms++;
                            p.skipChildren();
                        }
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (metric == null) {
            throw new MalformedAnswer("a result has no \"metric\"");
        }
        series++;
        if (n > 0) {
            consumer.series(metric, ts, vs, n);
        }
    }

    private static Map<String, String> metric(JsonParser p, JsonToken t) throws IOException, MalformedAnswer {
        if (t != JsonToken.START_OBJECT) {
            throw new MalformedAnswer("\"metric\" is not an object");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            if (p.nextToken() != JsonToken.VALUE_STRING) {
                throw new MalformedAnswer("the label " + name + " is not a string");
            }
            labels.put(name, p.getText());
        }
        return labels;
    }

    /** Checks that a pair starts: [ then the time. */
    private static void pair(JsonParser p, JsonToken t) throws IOException, MalformedAnswer {
        if (t != JsonToken.START_ARRAY) {
            throw new MalformedAnswer("a sample is not [time, \"value\"]");
        }
        p.nextToken();
    }

    private static void end(JsonParser p) throws IOException, MalformedAnswer {
        if (p.nextToken() != JsonToken.END_ARRAY) {
            throw new MalformedAnswer("a sample is not [time, \"value\"]");
        }
    }

    private static long time(JsonParser p) throws IOException, MalformedAnswer {
        JsonToken t = p.currentToken();
        if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
            throw new MalformedAnswer("a sample's time is not a number of seconds");
        }
        double seconds = p.getDoubleValue();
        if (!Double.isFinite(seconds) || Math.abs(seconds) > 1e13) {
            throw new MalformedAnswer("a sample's time (" + p.getText() + ") is out of range");
        }
        return Math.round(seconds * 1000);
    }

    /** Prometheus writes values as strings: "1.5", "NaN", "+Inf", "-Inf". */
    private static double value(JsonParser p) throws IOException, MalformedAnswer {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new MalformedAnswer("a sample's value is not a string");
        }
        String s = p.getText();
        switch (s) {
            case "NaN":
                return Double.NaN;
            case "+Inf", "Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                try {
                    if (s.isEmpty() || !(Character.isDigit(s.charAt(s.length() - 1)) || s.endsWith("."))) {
                        throw new NumberFormatException();
                    }
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new MalformedAnswer("a sample's value \"" + cut(s) + "\" is not a number");
                }
        }
    }

    private void count(long n) throws MalformedAnswer {
        samples += n;
        if (samples > maxSamples) {
            throw new MalformedAnswer("the answer holds more than " + maxSamples + " samples", true);
        }
    }

    private static String cut(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}

package io.pharos.engine.query;

import java.util.Arrays;

/** How values of several series combine into one: as PromQL's sum, avg, min, max, count, quantile. */
public sealed interface Aggregation {

    /** Combines {@code n} values (NaN values are ignored); NaN when none is left. */
    double apply(double[] values, int n);

    Aggregation SUM = new Simple("sum");
    Aggregation AVG = new Simple("avg");
    Aggregation MIN = new Simple("min");
    Aggregation MAX = new Simple("max");
    Aggregation COUNT = new Simple("count");

    static Aggregation quantile(double q) {
        return new Quantile(q);
    }

    static Aggregation parse(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (t) {
            case "sum" -> SUM;
            case "avg" -> AVG;
            case "min" -> MIN;
            case "max" -> MAX;
            case "count" -> COUNT;
            default -> {
                if (t.startsWith("p") && t.length() > 1) {
                    yield quantile(Double.parseDouble(t.substring(1)) / 100.0);
                }
                throw new IllegalArgumentException("unknown aggregation '" + text
                        + "': use sum, avg, min, max, count or pNN (e.g. p99)");
            }
        };
    }

    record Simple(String name) implements Aggregation {
        @Override
        public double apply(double[] values, int n) {
            double acc = 0;
            int k = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                double v = values[i];
                if (Double.isNaN(v)) {
                    continue;
                }
                acc += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
                k++;
            }
            if (k == 0) {
                return name.equals("count") ? 0 : Double.NaN;
            }
            return switch (name) {
                case "sum" -> acc;
                case "avg" -> acc / k;
                case "min" -> min;
                case "max" -> max;
                default -> k;
            };
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The q-quantile with linear interpolation between ranks, as PromQL's quantile(). */
    record Quantile(double q) implements Aggregation {
        public Quantile {
            if (!(q >= 0 && q <= 1)) {
                throw new IllegalArgumentException("quantile must be between 0 and 1, got " + q);
            }
        }

        @Override
        public double apply(double[] values, int n) {
            double[] v = new double[n];
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (!Double.isNaN(values[i])) {
                    v[k++] = values[i];
                }
            }
            if (k == 0) {
                return Double.NaN;
            }
            Arrays.sort(v, 0, k);
            double rank = q * (k - 1);
            int lo = (int) Math.floor(rank);
            int hi = Math.min(k - 1, lo + 1);
            return v[lo] + (v[hi] - v[lo]) * (rank - lo);
        }

        @Override
        public String toString() {
            return "quantile(" + q + ")";
        }
    }
}

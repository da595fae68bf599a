package io.pharos.engine.dashboard;

/** A running request-weighted mean: Σ value·weight / Σ weight; NaN while no weight was added. */
final class Weighted {
    private double sum;
    private double weight;

    void add(double value, double w) {
        if (Double.isFinite(value) && Double.isFinite(w) && w > 0) {
            sum += value * w;
            weight += w;
        }
    }

    void addAll(Weighted other) {
        sum += other.sum;
        weight += other.weight;
    }

    double mean() {
        return weight > 0 ? sum / weight : Double.NaN;
    }

    double weight() {
        return weight;
    }
}

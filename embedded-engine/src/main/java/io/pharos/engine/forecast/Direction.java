package io.pharos.engine.forecast;

/** Which side of a threshold is the bad one. */
public enum Direction {
    /** Alert when the value rises above the threshold (CPU, memory, latency). */
    ABOVE(1, "above"),
    /** Alert when the value falls below the threshold (success ratio, free space). */
    BELOW(-1, "below");

    private final int sign;
    private final String word;

    Direction(int sign, String word) {
        this.sign = sign;
        this.word = word;
    }

    /** How far {@code value} is beyond {@code threshold} on the bad side: positive once crossed. */
    public double beyond(double value, double threshold) {
        return sign * (value - threshold);
    }

    /** True when {@code value} is strictly on the bad side of {@code threshold}. */
    public boolean crossed(double value, double threshold) {
        return beyond(value, threshold) > 0;
    }

    /** "above" or "below", for explanations. */
    public String word() {
        return word;
    }
}

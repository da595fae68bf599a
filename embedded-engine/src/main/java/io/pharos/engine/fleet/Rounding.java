package io.pharos.engine.fleet;

/** Rounds values to the decimals a real exporter would give them. */
final class Rounding {
    private static final double[] POWERS = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};

    private Rounding() {
    }

    /**
     * Division (not multiplication by 10^-n) gives the double nearest to the decimal, e.g. 0.3 and
     * not 0.30000000000000004, which is what decimal-aware compression expects.
     */
    static double round(double value, int decimals) {
        double p = POWERS[decimals];
        return Math.rint(value * p) / p;
    }

    static double clamp(double value, double min, double max) {
        return value < min ? min : Math.min(value, max);
    }
}

package io.pharos.engine.forecast;

import java.util.Optional;

/**
 * How a host's CPU follows its load, fitted from history: utilisation = intercept + slope × load
 * (least squares over the points where both were measured). Its use is the load one host carries
 * at a given utilisation, which turns "hosts" into "requests per second we can serve".
 *
 * <p>Points at or above {@value #SATURATED} utilisation are left out: there the host is overloaded
 * and sheds work, so the line no longer holds. A fit is refused when the points do not tell a line
 * (too few, flat, or explaining less than {@value #MIN_R2} of the variance): a capacity from it
 * would be a guess.
 *
 * @param intercept utilisation with no load (the idle part)
 * @param slope     utilisation added per unit of load
 * @param r2        share of the variance the line explains
 * @param points    points fitted
 */
public record ThroughputFit(double intercept, double slope, double r2, int points) {
    static final double SATURATED = 0.95;
    static final double MIN_R2 = 0.8;
    static final int MIN_POINTS = 12;

    /** Fits the line; empty when the points do not tell one (see the class comment). */
    public static Optional<ThroughputFit> of(double[] load, double[] utilisation) {
        if (load.length != utilisation.length) {
            throw new IllegalArgumentException("load and utilisation differ in length: " + load.length + " and "
                    + utilisation.length);
        }
        int n = 0;
        double sx = 0;
        double sy = 0;
        for (int i = 0; i < load.length; i++) {
            if (usable(load[i], utilisation[i])) {
                n++;
                sx += load[i];
                sy += utilisation[i];
            }
        }
        if (n < MIN_POINTS) {
            return Optional.empty();
        }
        double mx = sx / n;
        double my = sy / n;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < load.length; i++) {
            if (usable(load[i], utilisation[i])) {
                double dx = load[i] - mx;
                double dy = utilisation[i] - my;
                sxx += dx * dx;
                sxy += dx * dy;
                syy += dy * dy;
            }
        }
        if (!(sxx > 0) || !(syy > 0) || !(sxy > 0)) {
            return Optional.empty(); // no spread in load, or CPU does not rise with it
        }
        double slope = sxy / sxx;
        double r2 = sxy * sxy / (sxx * syy);
        if (r2 < MIN_R2) {
            return Optional.empty();
        }
        return Optional.of(new ThroughputFit(my - slope * mx, slope, r2, n));
    }

    private static boolean usable(double load, double utilisation) {
        return Double.isFinite(load) && Double.isFinite(utilisation) && load >= 0 && utilisation < SATURATED;
    }

    /** The load at which the line reaches {@code utilisation} (1: the host is out of CPU). */
    public double loadAt(double utilisation) {
        return (utilisation - intercept) / slope;
    }
}

package io.pharos.engine.forecast;

/**
 * A series' forecast for one time: the expected value and the spread of the errors forecasts this far
 * ahead have made on this series.
 *
 * @param atMs  the time forecast (epoch ms)
 * @param value the point forecast: level + trend × time ahead + seasonal profile
 * @param sigma the standard deviation of the forecast error at this distance
 */
public record Forecast(long atMs, double value, double sigma) {

    /** The lower end of the central interval that holds the value with {@code coverage} probability (e.g. 0.95). */
    public double lower(double coverage) {
        return value - halfWidth(coverage);
    }

    /** The upper end of the central interval that holds the value with {@code coverage} probability. */
    public double upper(double coverage) {
        return value + halfWidth(coverage);
    }

    private double halfWidth(double coverage) {
        if (!(coverage > 0 && coverage < 1)) {
            throw new IllegalArgumentException("coverage must be between 0 and 1 exclusive, got " + coverage);
        }
        return sigma * Normal.quantile(0.5 + coverage / 2);
    }

    /** The probability that the value will be strictly beyond {@code threshold} in {@code direction}. */
    public double probabilityBeyond(double threshold, Direction direction) {
        double beyond = direction.beyond(value, threshold);
        if (sigma <= 0) {
            return beyond > 0 ? 1 : beyond < 0 ? 0 : 0.5;
        }
        return Normal.cdf(beyond / sigma);
    }
}

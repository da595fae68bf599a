package io.pharos.engine.forecast;

/**
 * A forecast crossing of a threshold.
 *
 * @param atMs           when the forecast first comes within the series' recent excursion of the
 *                       threshold (epoch ms): from then on its own fluctuation can carry it over. The
 *                       window's start when it already is that close
 * @param confidence     the highest probability, over the window searched, that the smooth forecast is
 *                       at least that close at that moment, from the spread of this series' measured
 *                       forecast errors (normal distribution): a lower bound of the probability that it
 *                       crosses within the window. At least 0.5, since the forecast itself gets there
 * @param mostLikelyAtMs the moment of that highest probability
 * @param forecastFromMs the time of the newest sample the forecast starts from
 */
public record Crossing(long atMs, double confidence, long mostLikelyAtMs, long forecastFromMs) {
}

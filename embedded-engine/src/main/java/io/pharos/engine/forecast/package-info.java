/**
 * Forecasts: predictive alerts (a threshold will be crossed, when, how sure) and capacity plans
 * (when a region runs out, how many hosts a growth target needs). Plain Java, no threads, no clock:
 * everything takes the time as an argument, so the same code runs live and in a backtest.
 *
 * <h2>Predictive alerts</h2>
 * <ul>
 * <li>{@link io.pharos.engine.forecast.SeriesForecaster}: one series' additive Holt-Winters model
 *     (level, trend, daily profile in 15-minute knots) learned incrementally: O(1) per sample, about
 *     1.5 KB per series, any sample rate. {@code forecast(t)} gives value and spread;
 *     {@code predictCrossing(threshold, direction, horizon)} the earliest crossing and its confidence.
 *     Configured by {@link io.pharos.engine.forecast.ForecastConfig}.</li>
 * <li>{@link io.pharos.engine.forecast.Forecasters}: one forecaster per
 *     {@link io.pharos.engine.model.SeriesKey}, created at a series' first sample.</li>
 * <li>{@link io.pharos.engine.forecast.PredictiveRule}: which series (metric and
 *     {@link io.pharos.engine.model.Matcher}s), threshold, direction, horizon, minimum confidence and
 *     lead time. Stateless: {@code evaluate(forecasters, now)} returns a
 *     {@link io.pharos.engine.forecast.PredictiveEvaluation} with one explained
 *     {@link io.pharos.engine.forecast.PredictiveResult} per series (status, predicted crossing,
 *     lead time, confidence, current value, threshold, {@code explanation()}).</li>
 * <li>{@link io.pharos.engine.forecast.PredictiveReplay}: replays samples through rules and
 *     lifecycles and scores the alerts against what really happened (backtesting).</li>
 * </ul>
 *
 * <p>Wiring into the rule evaluator (not done here): feed every sample of the watched series to a
 * {@code Forecasters} (from the ingest path, or from stored history at start-up: a week of history
 * makes the profile and the spread trustworthy; forecasts are not used before a whole day), then at
 * each evaluation:
 * <pre>{@code
 * PredictiveEvaluation ev = rule.evaluate(forecasters, nowMs);
 * List<AlertTransition> changes = lifecycle.evaluate(nowMs, ev.holding());   // one AlertLifecycle per rule
 * PredictiveResult why = ev.byAlertLabels().get(labels);                      // crossing, lead time, confidence
 * }</pre>
 * Alert labels are the series' labels plus {@code alertname} (the rule's name) and
 * {@code kind="predictive"}. The measured configuration fires at once
 * ({@code AlertPolicy.firingAfter(Duration.ZERO)}): the confidence already filters, and a pending
 * period only costs lead time. A backtest prints {@link io.pharos.engine.forecast.PredictiveReplay.Episode}s:
 * predicted crossing, lead time and confidence at firing, and the real crossing.
 *
 * <h2>Capacity</h2>
 * {@link io.pharos.engine.forecast.CapacityPlanner} turns a usage history per group (for example
 * {@code QueryService.aggregate(cpu, ["region"], SUM, ...)}) and a capacity into a
 * {@link io.pharos.engine.forecast.CapacityForecast}: the daily peak's trend, time to exhaustion and
 * to the headroom, and the units (hosts) a {@link io.pharos.engine.forecast.CapacityPlan} needs.
 *
 * <p>Method and measured figures: {@code docs/forecasting.md}.
 */
package io.pharos.engine.forecast;

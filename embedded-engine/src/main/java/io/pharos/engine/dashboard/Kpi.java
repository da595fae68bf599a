package io.pharos.engine.dashboard;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One figure of a dashboard: its value, its value one period earlier, and what a change means.
 * A value that cannot be computed (no data) is empty with a reason, never 0.
 *
 * @param id             stable name, e.g. "availability" (see the constants of {@link ExecutiveSummary})
 * @param unit           "ratio", "users", "requests/s", "seconds", "$/min", "$/h", "$/month", "incidents"
 * @param basis          what moment or span the value describes
 * @param higherIsBetter true for availability or headroom, false for latency, errors or cost
 * @param value          the value, empty when it cannot be computed
 * @param previous       the value one period earlier (same basis), empty when it cannot be computed
 * @param reason         why the value is empty; empty when there is a value
 * @param previousReason why the previous value is empty; empty when there is one
 * @param note           how the value was found when it needs saying (coverage, what was left out); may be ""
 * @param steadyWithin   changes of at most this much (absolute, in the unit) count as steady; by default
 *                       {@link #STEADY_TOLERANCE} of the larger of the two values
 * @param caveat         what must be read with the value, shown beside it (e.g. "from at most 1 min of
 *                       data" for a 30-day budget on a new store); "" when nothing
 */
public record Kpi(String id, String unit, Basis basis, boolean higherIsBetter, OptionalDouble value,
                  OptionalDouble previous, Optional<String> reason, Optional<String> previousReason, String note,
                  double steadyWithin, String caveat) {

    /** By default, changes smaller than this share of the larger of the two values count as steady. */
    public static final double STEADY_TOLERANCE = 1e-3;

    public Kpi {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(caveat, "caveat");
        if (value.isPresent() && !Double.isFinite(value.getAsDouble())
                || previous.isPresent() && !Double.isFinite(previous.getAsDouble())) {
            throw new IllegalArgumentException(id + ": values must be finite; say why a value is missing instead");
        }
        if (value.isEmpty() && reason.isEmpty()) {
            throw new IllegalArgumentException(id + ": an unavailable value needs a reason");
        }
        if (previous.isEmpty() && previousReason.isEmpty()) {
            throw new IllegalArgumentException(id + ": an unavailable previous value needs a reason");
        }
        if (!(steadyWithin >= 0)) {
            throw new IllegalArgumentException(id + ": steadyWithin must be 0 or more, got " + steadyWithin);
        }
        if (value.isPresent()) {
            reason = Optional.empty();
        }
        if (previous.isPresent()) {
            previousReason = Optional.empty();
        }
    }

    /** A figure from two measurements, each a value or NaN with the reason it is missing. */
    public static Kpi of(String id, String unit, Basis basis, boolean higherIsBetter, Measure now, Measure before) {
        double steady = now.value().isPresent() && before.value().isPresent()
                ? STEADY_TOLERANCE * Math.max(Math.abs(now.value().getAsDouble()), Math.abs(before.value().getAsDouble()))
                : 0;
        return new Kpi(id, unit, basis, higherIsBetter, now.value(), before.value(), now.reason(), before.reason(), "",
                steady, "");
    }

    public Kpi withNote(String newNote) {
        return new Kpi(id, unit, basis, higherIsBetter, value, previous, reason, previousReason, newNote, steadyWithin,
                caveat);
    }

    /** The same figure with a caveat to show beside it. */
    public Kpi withCaveat(String newCaveat) {
        return new Kpi(id, unit, basis, higherIsBetter, value, previous, reason, previousReason, note, steadyWithin,
                newCaveat);
    }

    /** The same figure with another tolerance: e.g. availability, where 0.1 % of the value is ten budgets. */
    public Kpi withSteadyWithin(double tolerance) {
        return new Kpi(id, unit, basis, higherIsBetter, value, previous, reason, previousReason, note, tolerance, caveat);
    }

    public boolean available() {
        return value.isPresent();
    }

    /** value − previous; empty when either is missing. */
    public OptionalDouble change() {
        return value.isPresent() && previous.isPresent()
                ? OptionalDouble.of(value.getAsDouble() - previous.getAsDouble()) : OptionalDouble.empty();
    }

    /** (value − previous) / |previous|, e.g. 0.05 for 5 % up; empty when either is missing or previous is 0. */
    public OptionalDouble relativeChange() {
        if (change().isEmpty() || previous.getAsDouble() == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(change().getAsDouble() / Math.abs(previous.getAsDouble()));
    }

    /** Better or worse than the previous period, by the direction that is good for this figure. */
    public Trend trend() {
        if (change().isEmpty()) {
            return Trend.UNKNOWN;
        }
        double delta = change().getAsDouble();
        if (Math.abs(delta) <= steadyWithin) {
            return Trend.STEADY;
        }
        return delta > 0 == higherIsBetter ? Trend.BETTER : Trend.WORSE;
    }

    /** A value, or NaN with the reason it could not be computed. */
    public record Measure(OptionalDouble value, Optional<String> reason) {
        public static Measure of(double v) {
            return new Measure(OptionalDouble.of(v), Optional.empty());
        }

        public static Measure missing(String why) {
            return new Measure(OptionalDouble.empty(), Optional.of(why));
        }

        /** The value when finite, else missing with the reason given. */
        public static Measure orMissing(double v, String whyMissing) {
            return Double.isFinite(v) ? of(v) : missing(whyMissing);
        }
    }
}

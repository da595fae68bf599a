package io.pharos.views.shell;

import io.pharos.engine.model.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The console's global time range: a span ending now that follows the clock (live), or a span with
 * a fixed end (paused, or a custom range). Every screen reads its data for {@link #at(Instant)}.
 *
 * @param span  how long the range is; positive
 * @param end   where it ends; null while live
 * @param fixed a snapshot's range: it holds no other time, so the range cannot move or change
 */
public record TimeRange(Duration span, Instant end, boolean fixed) {
    /** The spans offered in the picker: last 15 minutes to last 30 days. */
    public static final List<Duration> PRESETS = List.of(Duration.ofMinutes(15), Duration.ofHours(1),
            Duration.ofHours(6), Duration.ofHours(24), Duration.ofDays(7), Duration.ofDays(30));
    public static final TimeRange DEFAULT = last(Duration.ofMinutes(15));
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    public TimeRange {
        Objects.requireNonNull(span, "span");
        if (span.isNegative() || span.isZero()) {
            throw new IllegalArgumentException("a time range must be longer than zero, got " + span);
        }
    }

    public TimeRange(Duration span, Instant end) {
        this(span, end, false);
    }

    /** A snapshot's range: {@link #between} that neither moves nor changes span. */
    public static TimeRange fixed(Instant from, Instant to) {
        return new TimeRange(Duration.between(from, to), between(from, to).end(), true);
    }

    /** The last {@code span}, live. */
    public static TimeRange last(Duration span) {
        return new TimeRange(span, null);
    }

    /** A custom range; {@code from} must be before {@code to}. */
    public static TimeRange between(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the range must start before it ends: " + from + " is not before " + to);
        }
        return new TimeRange(Duration.between(from, to), to);
    }

    public boolean live() {
        return end == null;
    }

    /** Stops following the clock: the range stays where it is at {@code now}. */
    public TimeRange paused(Instant now) {
        return live() ? new TimeRange(span, now) : this;
    }

    /** Follows the clock again, with the same span. */
    public TimeRange resumed() {
        return fixed ? this : last(span);
    }

    /** The same kind of range (live or fixed end) with another span. */
    public TimeRange withSpan(Duration newSpan) {
        return fixed ? this : new TimeRange(newSpan, end);
    }

    /** Start and end in epoch milliseconds at {@code now}. */
    public Interval at(Instant now) {
        Instant to = live() ? now : end;
        return new Interval(to.minus(span).toEpochMilli(), to.toEpochMilli());
    }

    /** "last 15 min · live", or "2026-11-23 14:00 – 15:00 UTC · paused" (or "· snapshot"), in the zone shown. */
    public String describe(ZoneId zone, String zoneName) {
        if (live()) {
            return "last " + Durations.human(span.toMillis()) + " · live";
        }
        var from = end.minus(span).atZone(zone);
        var to = end.atZone(zone);
        String toText = from.toLocalDate().equals(to.toLocalDate())
                ? to.format(DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT)) : to.format(DAY_TIME);
        return from.format(DAY_TIME) + " – " + toText + " " + zoneName + (fixed ? " · snapshot" : " · paused");
    }

    /** A resolved range: {@code fromMs} inclusive to {@code toMs}. */
    public record Interval(long fromMs, long toMs) {
    }
}

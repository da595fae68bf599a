package io.pharos.engine.forecast;

import io.pharos.engine.model.Matcher;
import io.pharos.engine.store.SeriesRef;
import io.pharos.engine.store.SeriesSamples;
import io.pharos.engine.store.TimeSeriesStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Predictive rules replayed over stored history: every watched series learns from a warm-up before
 * the range (forecasts need a day; a week makes the daily profile trustworthy), then the rules are
 * evaluated at each step of the range. History is read an hour at a time, so memory stays bounded
 * whatever the range.
 */
public final class PredictiveBacktest {
    private static final long WINDOW_MS = 3_600_000;

    private PredictiveBacktest() {
    }

    /** The episodes that fired between {@code fromMs} and {@code toMs}, with predicted crossing, lead time, confidence. */
    public static List<PredictiveReplay.Episode> run(List<PredictiveRule> rules, TimeSeriesStore store, long warmupFromMs,
                                                     long fromMs, long toMs, long stepMs) {
        PredictiveReplay replay = new PredictiveReplay(rules, ForecastConfig.defaults(), DefaultPredictiveRules.POLICY);
        Map<Integer, SeriesRef> watched = new LinkedHashMap<>();
        for (PredictiveRule r : rules) {
            List<Matcher> matchers = new ArrayList<>(r.matchers());
            matchers.add(Matcher.metric(r.metric()));
            for (SeriesRef ref : store.select(matchers)) {
                watched.put(ref.id(), ref);
            }
        }
        List<SeriesRef> series = List.copyOf(watched.values());
        int[] handles = new int[series.size()];
        for (int i = 0; i < series.size(); i++) {
            handles[i] = replay.register(series.get(i).key());
        }
        long nextEvaluation = fromMs;
        for (long w = warmupFromMs; w <= toMs; w += WINDOW_MS) {
            long windowEnd = Math.min(toMs, w + WINDOW_MS - 1);
            SeriesSamples[] window = new SeriesSamples[series.size()];
            for (int i = 0; i < series.size(); i++) {
                window[i] = store.read(series.get(i), w, windowEnd);
            }
            int[] cursor = new int[series.size()];
            // Feed samples up to each evaluation instant, then evaluate; after the last, the rest.
            while (nextEvaluation <= windowEnd) {
                feed(replay, handles, window, cursor, nextEvaluation);
                replay.evaluate(nextEvaluation);
                nextEvaluation += stepMs;
            }
            feed(replay, handles, window, cursor, windowEnd);
        }
        return replay.episodes().stream().filter(e -> e.firingAtMs() >= fromMs).toList();
    }

    private static void feed(PredictiveReplay replay, int[] handles, SeriesSamples[] window, int[] cursor, long upToMs) {
        for (int i = 0; i < window.length; i++) {
            SeriesSamples s = window[i];
            if (handles[i] < 0) {
                continue;
            }
            while (cursor[i] < s.size() && s.timestamps()[cursor[i]] <= upToMs) {
                replay.sample(handles[i], s.timestamps()[cursor[i]], s.values()[cursor[i]]);
                cursor[i]++;
            }
        }
    }
}

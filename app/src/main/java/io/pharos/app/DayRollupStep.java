package io.pharos.app;

import io.pharos.engine.store.StoreException;
import io.pharos.engine.store.TimeSeriesStore;
import java.io.PrintWriter;

/** After bulk history: the complete days rolled up now, so that the console's long ranges read fast at once. */
final class DayRollupStep {
    private DayRollupStep() {
    }

    static void run(TimeSeriesStore store, PrintWriter err) {
        long started = System.nanoTime();
        int days;
        try {
            days = store.rollUpCompleteDays();
        } catch (StoreException e) {
            // The history is written; the console rolls the days up later (reads meanwhile are slower).
            err.println("warning: the complete days were not rolled up (" + e.getMessage() + "); the console does it"
                    + " later.");
            return;
        }
        if (days > 0) {
            err.printf("Rolled up %d complete day%s for long time ranges in %.1f s.%n", days, days == 1 ? "" : "s",
                    (System.nanoTime() - started) / 1e9);
        }
    }
}

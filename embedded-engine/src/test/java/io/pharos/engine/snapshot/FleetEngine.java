package io.pharos.engine.snapshot;

import io.pharos.engine.PharosEngine;
import io.pharos.engine.alerting.notify.NotificationConfig;
import io.pharos.engine.alerting.notify.Receiver;
import io.pharos.engine.fleet.FleetHistoryGenerator;
import io.pharos.engine.fleet.HistoryProgress;
import io.pharos.engine.fleet.ReferenceFleet;
import io.pharos.engine.fleet.Scenario;
import io.pharos.engine.incident.AutomatedResponses;
import io.pharos.engine.incident.ResponseConfig;
import io.pharos.engine.pipeline.AlertingRuntime;
import io.pharos.engine.rules.DefaultRules;
import io.pharos.engine.store.HistoryWriter;
import io.pharos.engine.store.StoreOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the snapshot tests export from: an engine over {@code history} of the simulated fleet (20 hosts
 * a region, 15 s samples) ending at {@code end}, its clock stopped there, alerting on the default rules
 * with automated responses on the fleet, which the test evaluates pass by pass.
 */
final class FleetEngine implements AutoCloseable {
    final ReferenceFleet fleet = new ReferenceFleet(7, 20);
    final PharosEngine engine;
    final AlertingRuntime alerting;

    FleetEngine(Path dataDir, Instant end, Duration history, Scenario... scenarios) throws InterruptedException {
        for (Scenario s : scenarios) {
            fleet.inject(s);
        }
        engine = PharosEngine.open(dataDir, StoreOptions.defaults().withClock(Clock.fixed(end, ZoneOffset.UTC))
                .withRetention(Duration.ofDays(36_500), Duration.ofDays(36_500)));
        try (HistoryWriter w = engine.store().historyWriter()) {
            new FleetHistoryGenerator(fleet, Duration.ofSeconds(15), Duration.ofHours(2), 1)
                    .generate(end.minus(history), end, w, HistoryProgress.NONE);
        }
        alerting = engine.openAlerting(DefaultRules.load(),
                NotificationConfig.simple(List.of(new Receiver.Desktop("desktop"))),
                new AutomatedResponses(ResponseConfig.defaults(), fleet));
    }

    /** Evaluates alerting every 15 s from {@code from} to {@code to}; {@code after} sees each pass's time. */
    void passes(Instant from, Instant to, Consumer<Instant> after) {
        for (Instant t = from; !t.isAfter(to); t = t.plusSeconds(15)) {
            alerting.pass(t.toEpochMilli());
            after.accept(t);
        }
    }

    @Override
    public void close() {
        engine.close();
    }
}

package io.pharos.views.alerts;

import io.pharos.engine.PharosEngine;
import io.pharos.engine.alerting.notify.NotificationConfig;
import io.pharos.engine.alerting.notify.Receiver;
import io.pharos.engine.ingest.SampleBatch;
import io.pharos.engine.model.SeriesKey;
import io.pharos.engine.pipeline.AlertingRuntime;
import io.pharos.engine.rules.RuleFileLoader;
import io.pharos.engine.rules.StoreSeriesSource;
import io.pharos.engine.store.StoreOptions;
import io.pharos.views.shell.ShellContext;
import io.pharos.views.shell.TimeRange;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;

/**
 * A real engine on a temporary data directory with alerting over two small rules, and data that makes
 * four alerts fire: CPU of hosts a and b in eu-west-1 and of c in us-east-1 (warning), and the simulated
 * region ap-southeast-1 down (critical). Host d stays quiet. Alerting is evaluated by the test, at the
 * times it chooses, never by a background thread.
 */
final class AlertFixture implements AutoCloseable {
    static final long NOW = Instant.parse("2026-11-23T12:00:00Z").toEpochMilli();
    /** When the alerts started firing: twelve minutes before {@link #NOW}. */
    static final long START = NOW - 12 * 60_000L;
    static final String RULES = """
            groups:
              - name: g
                interval: 10s
                rules:
                  - alert: HostCpuHigh
                    expr: cpu > 0.8
                    labels: {severity: warning}
                    annotations: {summary: "CPU of {{ $labels.host }} high"}
                  - alert: RegionDown
                    expr: region_up == 0
                    labels: {severity: critical}
                    annotations: {summary: "{{ $labels.region }} answers nothing"}
            """;

    final PharosEngine engine;
    private final Path dir;
    AlertingRuntime runtime;
    final Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
    final ShellContext context = new ShellContext(new SimpleObjectProperty<>(TimeRange.DEFAULT),
            new SimpleObjectProperty<ZoneId>(ZoneOffset.UTC), new SimpleStringProperty("UTC"), java.nio.file.Path.of("exports"));

    AlertFixture(Path dir) throws InterruptedException {
        this.dir = dir;
        engine = PharosEngine.open(dir, StoreOptions.defaults().withClock(clock));
        SampleBatch.Builder b = SampleBatch.builder(1000);
        for (long t = START - 20 * 60_000L; t <= NOW; t += 10_000) {
            boolean on = t >= START;
            b.add(SeriesKey.of("cpu", "region", "eu-west-1", "host", "a"), t, on ? 0.91 : 0.4);
            b.add(SeriesKey.of("cpu", "region", "eu-west-1", "host", "b"), t, on ? 0.95 : 0.4);
            b.add(SeriesKey.of("cpu", "region", "us-east-1", "host", "c"), t, on ? 0.9 : 0.4);
            b.add(SeriesKey.of("cpu", "region", "eu-west-1", "host", "d"), t, 0.5);
            b.add(SeriesKey.of("region_up", "region", "ap-southeast-1", "source", "simulated"), t, on ? 0 : 1);
        }
        engine.ingest().accept(b.build());
        engine.ingest().flush();
        runtime = openAlerting();
        runtime.pass(START);
        runtime.pass(NOW);
    }

    private AlertingRuntime openAlerting() {
        return new AlertingRuntime(dir, new RuleFileLoader().parse(RULES, "rules.yml"),
                NotificationConfig.simple(List.of(new Receiver.Desktop("desktop"))),
                new StoreSeriesSource(engine.store()), engine.ingest(), clock);
    }

    /** Closes alerting and opens it again on the same data directory, as a restart of the console does. */
    AlertingRuntime reopenAlerting() {
        runtime.close();
        runtime = openAlerting();
        runtime.pass(NOW);
        return runtime;
    }

    @Override
    public void close() {
        runtime.close();
        engine.close();
    }
}

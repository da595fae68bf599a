package io.pharos.tests.durability;

import io.pharos.engine.alerting.AlertGrouper;
import io.pharos.engine.alerting.AlertPolicy;
import io.pharos.engine.alerting.AlertState;
import io.pharos.engine.alerting.AlertStateStore;
import io.pharos.engine.alerting.GroupingPolicy;
import io.pharos.engine.alerting.Silence;
import io.pharos.engine.model.Labels;
import io.pharos.engine.model.Matcher;
import io.pharos.engine.pipeline.AlertPipeline;
import io.pharos.engine.pipeline.AlertRow;
import io.pharos.engine.rules.MemorySeriesSource;
import io.pharos.engine.rules.RuleEngine;
import io.pharos.engine.rules.RuleFileLoader;
import io.pharos.engine.store.StateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * A child process for {@link KillDuringAlertingTest}: runs the alert pipeline over a deterministic
 * fleet of flapping hosts, acknowledging and silencing as it goes, and prints the state after each
 * step, once it is committed. The same steps run in the test itself to know what to expect.
 */
public final class AlertingWriter {
    static final int HOSTS = 40;
    static final long STEP_MS = 10_000;
    private static final String RULES = """
            groups:
              - name: hosts
                interval: 10s
                rules:
                  - alert: HostDown
                    expr: host_up == 0
                    for: 20s
                    keep_firing_for: 10s
            """;

    final MemorySeriesSource data = new MemorySeriesSource();
    final AlertPipeline pipeline;

    AlertingWriter(StateStore store) {
        RuleEngine rules = new RuleEngine(new RuleFileLoader().parse(RULES, "rules.yml").groups(), data,
                RuleEngine.RecordedSink.NONE, AlertPolicy.firingAfter(Duration.ZERO));
        pipeline = new AlertPipeline(rules, List.of(), new AlertGrouper(GroupingPolicy.by("alertname")),
                new AlertStateStore(store), null);
    }

    /**
     * Step {@code i}: hosts go up and down by a fixed random schedule; every 7th step an ack, every
     * 11th a silence. Each commit (evaluation, ack, silence) passes the state after it to {@code committed}.
     */
    void step(int i, java.util.function.Consumer<String> committed) {
        long t = i * STEP_MS;
        Random r = new Random(i * 31L + 7);
        for (int h = 0; h < HOSTS; h++) {
            boolean down = (h + i / 6) % 5 == 0 || r.nextInt(20) == 0;
            data.add(Labels.of("__name__", "host_up", "host", "h" + h), t, down ? 0 : 1);
        }
        pipeline.evaluate(t);
        committed.accept(state());
        if (i % 7 == 3) {
            var firing = pipeline.alerts().stream().filter(a -> a.alert().alert().state() == AlertState.FIRING).findFirst();
            if (firing.isPresent()) {
                pipeline.acknowledge(firing.get().alert().alert().labels(), "owner" + i, Duration.ofDays(1), t);
                committed.accept(state());
            }
        }
        if (i % 11 == 5) {
            pipeline.silence(new Silence("s" + i, List.of(Matcher.eq("host", "h" + (i % HOSTS))), t, t + 86_400_000L,
                    "owner" + i, "maintenance " + i, null), t);
            committed.accept(state());
        }
    }

    /** What a restart must bring back: firing alerts with their start, acknowledgements, silences. */
    String state() {
        TreeSet<String> firing = new TreeSet<>();
        int acks = 0;
        for (AlertRow a : pipeline.alerts()) {
            if (a.alert().alert().state() == AlertState.FIRING) {
                firing.add(a.alert().alert().labels().get("host") + "@" + a.alert().alert().firingSinceMs());
            }
            if (a.acknowledgement() != null) {
                acks++;
            }
        }
        return "firing=" + firing + " acks=" + acks + " silences=" + pipeline.silences().size();
    }

    public static void main(String[] args) {
        try (StateStore store = StateStore.open(Path.of(args[0]))) {
            AlertingWriter w = new AlertingWriter(store);
            int[] commits = {0};
            for (int i = 0; ; i++) {
                w.step(i, state -> {
                    System.out.println("COMMIT " + commits[0]++ + " " + state);
                    System.out.flush();
                });
            }
        }
    }
}

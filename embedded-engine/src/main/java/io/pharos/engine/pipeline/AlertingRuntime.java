package io.pharos.engine.pipeline;

import io.pharos.engine.alerting.AlertGrouper;
import io.pharos.engine.alerting.AlertPolicy;
import io.pharos.engine.alerting.AlertState;
import io.pharos.engine.alerting.AlertStateStore;
import io.pharos.engine.alerting.GroupingPolicy;
import io.pharos.engine.alerting.Inhibition;
import io.pharos.engine.alerting.notify.NotificationConfig;
import io.pharos.engine.alerting.notify.NotificationService;
import io.pharos.engine.ingest.SampleBatch;
import io.pharos.engine.forecast.DefaultPredictiveRules;
import io.pharos.engine.incident.AutomatedResponses;
import io.pharos.engine.incident.IncidentPolicy;
import io.pharos.engine.incident.IncidentService;
import io.pharos.engine.incident.ResponseService;
import io.pharos.engine.ingest.IngestPipeline;
import io.pharos.engine.model.Labels;
import io.pharos.engine.model.Matcher;
import io.pharos.engine.model.SeriesKey;
import io.pharos.engine.rules.LoadedRules;
import io.pharos.engine.rules.RuleEngine;
import io.pharos.engine.rules.RuleHealth;
import io.pharos.engine.rules.RuleProblem;
import io.pharos.engine.rules.SeriesSource;
import io.pharos.engine.store.StateStore;
import io.pharos.engine.store.TimeSeriesStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerting running live: the pipeline evaluated every second on its own thread (each rule group
 * at its own interval), recordings written back to the store through the ingest pipeline, state
 * in the state file, notifications delivered on their own threads, incidents opened from critical
 * alerts by policy, and their automated responses as configured. Created by the engine façade.
 */
public final class AlertingRuntime implements AutoCloseable, AlertingState {
    private static final Logger LOG = LoggerFactory.getLogger(AlertingRuntime.class);
    /** Region-wide alerts mute the host alerts of their region: one page, not two hundred. */
    public static final List<Inhibition> DEFAULT_INHIBITIONS = List.of(new Inhibition("region-outage-mutes-hosts",
            List.of(Matcher.regex("alertname", "RegionSuccessRateLow|ErrorBudgetBurnFast")),
            List.of(Matcher.regex("alertname", "Host.*")), List.of("region")));

    private final StateStore state;
    private final NotificationService notifications;
    private final IncidentService incidents;
    private final ResponseService responses;
    private final PredictiveAlerts predictive;
    private final ReceivedAlerts received;
    /** The forecasts' learning of the stored history, begun by {@link #start}; stopped by {@link #close}. */
    private volatile Thread forecastWarmUp;
    private volatile boolean closing;
    private boolean started;
    private final AlertPipeline pipeline;
    private final RecordingBuffer recordings;
    private final Clock clock;
    private final LoadedRules loaded;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pharos-alerting");
        t.setDaemon(true);
        return t;
    });
    private volatile AlertingStatus status;

    /** Recorded series of one pass, handed to ingest together when the pass ends. */
    private static final class RecordingBuffer implements RuleEngine.RecordedSink {
        private final IngestPipeline sink;
        private SampleBatch.Builder batch = SampleBatch.builder(64);
        private long dropped;

        RecordingBuffer(IngestPipeline sink) {
            this.sink = sink;
        }

        @Override
        public void accept(Labels labels, long timeMs, double value) {
            batch.add(new SeriesKey(labels.get(Matcher.NAME), labels.without(Matcher.NAME)), timeMs, value);
        }

        void flush() {
            if (batch.size() == 0) {
                return;
            }
            SampleBatch b = batch.build();
            batch = SampleBatch.builder(64);
            try {
                // Rules must not wait on a store that is behind: recordings are kept in memory for the
                // rules anyway; the stored copy is for charts.
                if (!sink.offer(b, 200, TimeUnit.MILLISECONDS)) {
                    dropped += b.size();
                    LOG.warn("The store is behind: {} recorded samples not stored ({} so far)", b.size(), dropped);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Opens the state file in {@code dataDir} and restores alert state. Nothing is evaluated before
     * {@link #start}.
     */
    public AlertingRuntime(java.nio.file.Path dataDir, LoadedRules rules, NotificationConfig notificationConfig,
                           SeriesSource series, IngestPipeline ingest, Clock clock) {
        this(dataDir, rules, notificationConfig, series, ingest, null, clock);
    }

    /**
     * With {@code store} not null, the default predictive rules run too: their forecasters learn the
     * last two days of the store on a thread of their own at {@link #start}, then live.
     */
    public AlertingRuntime(java.nio.file.Path dataDir, LoadedRules rules, NotificationConfig notificationConfig,
                           SeriesSource series, IngestPipeline ingest, TimeSeriesStore store, Clock clock) {
        this(dataDir, rules, notificationConfig, series, ingest, store, AutomatedResponses.none(), clock);
    }

    /**
     * With automated responses as {@code responses} chooses (none, the simulated fleet, or a command):
     * opened here, so actions a crash interrupted are recorded as failed before anything else runs.
     */
    public AlertingRuntime(java.nio.file.Path dataDir, LoadedRules rules, NotificationConfig notificationConfig,
                           SeriesSource series, IngestPipeline ingest, TimeSeriesStore store,
                           AutomatedResponses responses, Clock clock) {
        this.clock = clock;
        this.loaded = rules;
        this.state = StateStore.open(dataDir);
        try {
            this.recordings = new RecordingBuffer(ingest);
            RuleEngine engine = new RuleEngine(rules.groups(), series, recordings,
                    AlertPolicy.firingAfter(Duration.ZERO));
            // The payload's annotations come from the pipeline, which needs the service: resolved lazily.
            AlertPipeline[] built = new AlertPipeline[1];
            this.notifications = NotificationService.builder(state, notificationConfig).clock(clock)
                    .details(new io.pharos.engine.alerting.notify.AlertDetails() {
                        @Override
                        public Map<String, String> annotations(io.pharos.engine.alerting.Alert alert) {
                            return built[0] == null ? Map.of() : built[0].details().annotations(alert);
                        }
                    })
                    .open();
            this.predictive = store == null ? null : new PredictiveAlerts(DefaultPredictiveRules.rules(), store,
                    DefaultPredictiveRules.POLICY, 15_000);
            AlertStateStore alertState = new AlertStateStore(state);
            this.received = new ReceivedAlerts(alertState, clock, ReceivedAlerts.DEFAULT_STALE_AFTER);
            List<AlertProducer> producers = predictive == null ? List.of(received) : List.of(predictive, received);
            this.pipeline = new AlertPipeline(engine, producers, DEFAULT_INHIBITIONS,
                    new AlertGrouper(GroupingPolicy.by("alertname", "region")), alertState, notifications);
            built[0] = pipeline;
            this.incidents = new IncidentService(state, clock, IncidentPolicy.defaults());
            this.responses = responses.open(incidents, series).orElse(null);
        } catch (RuntimeException e) {
            state.close();
            throw e;
        }
        this.status = new AlertingStatus(rules.ruleCount(), List.of(), 0, 0,
                rules.problems().stream().map(RuleProblem::toString).toList(), 0, 0);
    }

    /** Where alerts other systems send (Alertmanager's webhook) enter the queue. */
    public ReceivedAlerts received() {
        return received;
    }

    /** Starts delivering queued notifications and evaluating every second. */
    public void start() {
        start(Duration.ZERO);
    }

    /**
     * As {@link #start()}, with the forecasts' learning of two days of history (seconds of CPU)
     * {@code forecastDelay} later: the console starts it once its first screen has had the machine.
     */
    public synchronized void start(Duration forecastDelay) {
        if (closing || started) {
            throw new IllegalStateException(closing ? "alerting is closed" : "alerting is already started");
        }
        started = true;
        notifications.start();
        if (predictive != null) {
            forecastWarmUp = Thread.ofPlatform().daemon().name("pharos-forecast-warmup").start(() -> {
                try {
                    Thread.sleep(forecastDelay.toMillis());
                    long now = clock.millis();
                    if (predictive.warmUp(now - Duration.ofDays(2).toMillis(), now)) {
                        LOG.info("Predictive alerts running: forecasts learned from the last two days");
                    }
                } catch (RuntimeException e) {
                    if (closing) {
                        // The store closed under it (a console closed within its first seconds): not a fault.
                        LOG.debug("Forecast learning stopped by the close: {}", e.getMessage());
                    } else {
                        LOG.error("Forecasts could not learn from the store; predictive alerts stay off: {}",
                                e.getMessage(), e);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        thread.scheduleWithFixedDelay(this::passQuietly, 0, 1, TimeUnit.SECONDS);
    }

    private void passQuietly() {
        try {
            pass(clock.millis());
        } catch (RuntimeException e) {
            // The next pass tries again; one bad pass must not stop alerting for good.
            LOG.error("Alert evaluation failed: {}", e.getMessage(), e);
        }
    }

    /** One pass at {@code nowMs} (the scheduler's; tests call it directly). */
    public PipelineCycle pass(long nowMs) {
        long start = System.nanoTime();
        PipelineCycle c = pipeline.evaluate(nowMs);
        recordings.flush();
        // Critical alerts open incidents by policy; silenced ones do not (someone already knows).
        incidents.onAlerts(c.alerts().stream().filter(r -> !r.muted()).map(r -> r.alert().alert()).toList());
        int firing = 0;
        int pending = 0;
        for (AlertRow r : c.alerts()) {
            if (r.alert().alert().state() == AlertState.FIRING) {
                firing++;
            } else if (r.alert().alert().state() == AlertState.PENDING) {
                pending++;
            }
        }
        List<String> failing = c.rules().failures().stream().map(h -> h.rule() + " (" + h.location() + "): " + h.error())
                .toList();
        if (c.rules().groupsEvaluated().isEmpty()) {
            failing = status.failingRules();
        } else {
            for (String f : failing) {
                if (!status.failingRules().contains(f)) {
                    LOG.warn("Rule failing: {}", f);
                }
            }
            for (String f : status.failingRules()) {
                if (!failing.contains(f)) {
                    LOG.info("Rule works again: {}", f);
                }
            }
        }
        status = new AlertingStatus(loaded.ruleCount(), failing, firing, pending, status.ruleProblems(), nowMs,
                System.nanoTime() - start);
        return c;
    }

    public AlertPipeline pipeline() {
        return pipeline;
    }

    /** The rules evaluated, as loaded: what an alert's rule says (its expression, for a chart of its series). */
    public LoadedRules rules() {
        return loaded;
    }

    public NotificationService notifications() {
        return notifications;
    }

    /** Incidents, opened by hand or from critical alerts. */
    public IncidentService incidents() {
        return incidents;
    }

    /** The state file alerting and incidents keep their state in (a snapshot copies from it). */
    public StateStore stateStore() {
        return state;
    }

    /**
     * Automated responses of incidents; empty when there is nothing to act on (no response command and
     * no simulated fleet). Its actions run on the calling thread: call it off the UI thread.
     */
    public Optional<ResponseService> responses() {
        return Optional.ofNullable(responses);
    }

    public AlertingStatus status() {
        return status;
    }

    @Override
    public List<AlertRow> alerts() {
        return pipeline.alerts();
    }

    @Override
    public List<io.pharos.engine.alerting.Silence> silences() {
        return pipeline.silences();
    }

    @Override
    public List<io.pharos.engine.rules.RuleGroup> ruleGroups() {
        return loaded.groups();
    }

    @Override
    public int ruleCount() {
        return status.rules();
    }

    @Override
    public List<io.pharos.engine.alerting.AlertHistoryEntry> history(io.pharos.engine.model.Labels alert, long fromMs,
                                                                     long toMs, int limit) {
        return pipeline.history(alert, fromMs, toMs, limit);
    }

    @Override
    public Optional<AlertingRuntime> runtime() {
        return Optional.of(this);
    }

    /** Every rule's last evaluation. */
    public List<RuleHealth> health() {
        return List.copyOf(pipeline.ruleHealth());
    }

    @Override
    public synchronized void close() {
        closing = true;
        Thread warmUp = forecastWarmUp;
        if (warmUp != null) {
            warmUp.interrupt();
            try {
                warmUp.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread.shutdownNow();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            notifications.close();
        } finally {
            state.close();
        }
    }
}

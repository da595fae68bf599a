package io.pharos.engine.alerting.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.pharos.engine.alerting.Acknowledgements;
import io.pharos.engine.alerting.Alert;
import io.pharos.engine.alerting.Notification;
import io.pharos.engine.model.Labels;
import io.pharos.engine.store.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notification delivery and escalation, on the state file. The evaluation loop hands it the
 * grouper's notifications ({@link #submit}) and the time ({@link #tick}); both only decide and
 * enqueue (durably, before they return) and never wait for a receiver. A dispatcher delivers on its
 * own threads with retries; a restart resumes the queue and the escalations where they were.
 *
 * <pre>
 * NotificationService notifications = NotificationService.builder(stateStore, config)
 *         .clock(Clock.systemUTC()).open();
 * notifications.start();
 * // each evaluation:
 * notifications.submit(grouper.tick(now, unmuted));
 * notifications.tick(now, unmuted, acknowledgements);
 * // the console:
 * notifications.desktop().subscribe(event -> Platform.runLater(() -> show(event)));
 * </pre>
 */
public final class NotificationService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationService.class);
    static final String ESCALATION = "notify.escalation";
    /** How often the delivery log is pruned (at open, then by the time given to {@link #tick}). */
    static final long PRUNE_EVERY_MS = Duration.ofDays(1).toMillis();

    private final StateStore store;
    private final NotificationConfig config;
    private final Clock clock;
    private final AlertDetails details;
    private final DesktopNotifications desktop;
    private final long staleAfterMs;
    private final DeliveryQueue queue;
    private final Escalations escalations = new Escalations();
    private final Map<String, Sender> senders = new ConcurrentHashMap<>();
    private final Dispatcher dispatcher;
    private final ExecutorService ownedExecutor;
    private boolean closed;
    /** When the delivery log was last pruned, by the time passed in. */
    private long prunedAtMs;

    private NotificationService(Builder b) {
        this.store = b.store;
        this.config = b.config;
        this.clock = b.clock;
        this.details = b.details;
        this.desktop = b.desktop;
        this.staleAfterMs = b.staleAfter.toMillis();
        this.queue = DeliveryQueue.open(store);
        pruneLog(clock.millis());
        List<Escalation> stored = new ArrayList<>();
        for (StateStore.Record r : store.read(tx -> tx.list(ESCALATION))) {
            try {
                stored.add(DeliveryQueue.JSON.readValue(r.body(), Escalation.class));
            } catch (JsonProcessingException e) {
                LOG.error("Escalation state of {} in {} cannot be read and is skipped: {}", r.key(), store.file(),
                        e.getOriginalMessage());
            }
        }
        escalations.load(stored);
        for (Receiver r : config.receivers()) {
            senders.put(r.name(), switch (r) {
                case Receiver.Webhook w -> new WebhookSender(w, b.secrets);
                case Receiver.Command c -> new CommandSender(c);
                case Receiver.Desktop d -> new DesktopSender(d, desktop, clock::millis);
            });
        }
        senders.putAll(b.customSenders);
        Executor executor = b.executor;
        if (executor == null) {
            ownedExecutor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("pharos-notify-", 0).factory());
            executor = ownedExecutor;
        } else {
            ownedExecutor = null;
        }
        this.dispatcher = new Dispatcher(queue, senders::get, config.retry(), clock, b.random, executor);
    }

    public static Builder builder(StateStore store, NotificationConfig config) {
        return new Builder(store, config);
    }

    /** Starts delivering (the queue left by the last run first). Before this, notifications only queue up. */
    public void start() {
        dispatcher.start();
    }

    /**
     * Queues the grouper's notifications for their receivers (by route and escalation level). On disk
     * when it returns; delivery happens on the dispatcher's threads.
     *
     * @return the deliveries queued
     */
    public synchronized List<Delivery> submit(Collection<Notification> notifications) {
        if (notifications.isEmpty()) {
            return List.of();
        }
        return carryOut(escalations.onNotifications(notifications, config));
    }

    /**
     * Advances escalation to {@code nowMs}: groups firing, unacknowledged, past their level's timeout
     * notify the next level. Pass the same (unmuted) alerts the grouper was given.
     *
     * @param acknowledged whether an alert (by its labels) is acknowledged now
     * @return the deliveries queued by escalation
     */
    public synchronized List<Delivery> tick(long nowMs, Collection<Alert> alerts, Predicate<Labels> acknowledged) {
        if (nowMs - prunedAtMs >= PRUNE_EVERY_MS) {
            pruneLog(nowMs);
        }
        return carryOut(escalations.tick(nowMs, alerts, acknowledged, config, staleAfterMs));
    }

    /** {@link #tick(long, Collection, Predicate)} with the acknowledgements in force at {@code nowMs}. */
    public List<Delivery> tick(long nowMs, Collection<Alert> alerts, Acknowledgements acks) {
        return tick(nowMs, alerts, labels -> acks.current(labels, nowMs).isPresent());
    }

    /** Keeps the delivery log to the configured retention; a failure is logged and tried again a day later. */
    private void pruneLog(long nowMs) {
        prunedAtMs = nowMs;
        try {
            queue.prune(nowMs, config.logRetention());
        } catch (RuntimeException e) {
            LOG.warn("Old delivery log entries could not be removed from {} ({}); tried again in a day", store.file(),
                    e.getMessage());
        }
    }

    private List<Delivery> carryOut(Escalations.Plan plan) {
        checkOpen();
        if (plan.isEmpty()) {
            return List.of();
        }
        long now = clock.millis();
        List<DeliveryQueue.NewDelivery> news = new ArrayList<>(plan.sends().size());
        for (Escalations.Send s : plan.sends()) {
            String payload = AlertmanagerPayload.render(s.receiver(), s.group(), s.alerts(), config.externalUrl(), details);
            String status = s.alerts().stream().anyMatch(a -> a.state() != io.pharos.engine.alerting.AlertState.RESOLVED)
                    ? "firing" : "resolved";
            news.add(new DeliveryQueue.NewDelivery(s.receiver(), AlertmanagerPayload.groupKey(s.group()), status, payload));
        }
        List<Delivery> queued = store.write(tx -> {
            plan.removed().forEach(k -> tx.delete(ESCALATION, k));
            plan.put().forEach((k, e) -> tx.put(ESCALATION, k, now, DeliveryQueue.json(e)));
            return DeliveryQueue.persistNew(tx, news, now);
        });
        escalations.apply(plan);
        queue.added(queued);
        dispatcher.wake();
        return queued;
    }

    /** Where desktop receivers deliver: the console subscribes here. */
    public DesktopNotifications desktop() {
        return desktop;
    }

    /** Deliveries waiting (not yet delivered, or being retried), oldest first. */
    public List<Delivery> pending() {
        return queue.pending();
    }

    /**
     * The delivery log: deliveries that ended (delivered, failed, given up) with
     * {@code fromMs <= finished < toMs}, to one receiver or all (null), oldest first.
     */
    public List<DeliveryRecord> log(String receiver, long fromMs, long toMs, int limit) {
        return queue.log(receiver, fromMs, toMs, limit);
    }

    /** The escalation of every group that has fired and not resolved. */
    public synchronized List<Escalation> escalations() {
        return escalations.all();
    }

    public NotificationConfig config() {
        return config;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the notification service is closed");
        }
    }

    /**
     * Stops delivering. Deliveries under way get a moment to finish; any that does not stays queued
     * and is delivered after the next start (so a receiver may, rarely, get it twice). Close this
     * before the state file.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        dispatcher.close();
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
            try {
                if (!ownedExecutor.awaitTermination(2, TimeUnit.SECONDS)) {
                    ownedExecutor.shutdownNow();
                }
            } catch (InterruptedException e) {
                ownedExecutor.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        for (Sender s : senders.values()) {
            if (s instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.debug("Closing a sender failed", e);
                }
            }
        }
    }

    /** Options; only the state file and the configuration are required. */
    public static final class Builder {
        private final StateStore store;
        private final NotificationConfig config;
        private Clock clock = Clock.systemUTC();
        private Executor executor;
        private RandomGenerator random = new Random();
        private SecretResolver secrets = SecretResolver.standard();
        private AlertDetails details = AlertDetails.NONE;
        private DesktopNotifications desktop = new DesktopNotifications();
        private Duration staleAfter = Duration.ofHours(24);
        private final Map<String, Sender> customSenders = new java.util.HashMap<>();

        private Builder(StateStore store, NotificationConfig config) {
            this.store = Objects.requireNonNull(store, "store");
            this.config = Objects.requireNonNull(config, "config");
        }

        /** The time of queueing, attempts and back-off (default: the system clock, UTC). */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c);
            return this;
        }

        /** Runs deliveries; not shut down by {@link #close}. Default: a virtual thread per delivery, owned. */
        public Builder executor(Executor e) {
            this.executor = Objects.requireNonNull(e);
            return this;
        }

        /** The jitter of back-off; a seeded one makes retries repeatable in tests. */
        public Builder random(RandomGenerator r) {
            this.random = Objects.requireNonNull(r);
            return this;
        }

        /** Resolves webhook token references (default: env:NAME and file:PATH). */
        public Builder secrets(SecretResolver s) {
            this.secrets = Objects.requireNonNull(s);
            return this;
        }

        /** Annotations and generator URLs for payloads (default: none). */
        public Builder details(AlertDetails d) {
            this.details = Objects.requireNonNull(d);
            return this;
        }

        /** Where desktop receivers deliver (default: a new one with room for 500 events). */
        public Builder desktop(DesktopNotifications d) {
            this.desktop = Objects.requireNonNull(d);
            return this;
        }

        /** How long a group may stay quiet without a resolution before its escalation is forgotten (24 h). */
        public Builder staleAfter(Duration d) {
            this.staleAfter = Objects.requireNonNull(d);
            return this;
        }

        /** Replaces the sender of one receiver (for tests, or a kind of receiver added by the app). */
        public Builder sender(String receiver, Sender sender) {
            customSenders.put(receiver, Objects.requireNonNull(sender));
            return this;
        }

        /** Loads the queue and the escalations from the state file; call {@link #start} to deliver. */
        public NotificationService open() {
            return new NotificationService(this);
        }
    }
}

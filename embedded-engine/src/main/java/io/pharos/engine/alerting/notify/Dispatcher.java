package io.pharos.engine.alerting.notify;

import io.pharos.engine.model.Durations;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers queued notifications on its own threads: one scheduler thread picks, for each receiver,
 * its oldest pending delivery once it is due, and hands it to the executor; at most one delivery
 * per receiver is under way at a time, so each receiver gets its notifications in order and a
 * hanging receiver holds up only itself. Whoever enqueues never waits for a delivery.
 */
final class Dispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    /** The longest the scheduler sleeps without looking (a clock set forward is noticed within it). */
    static final long MAX_IDLE_MS = 1_000;

    private final DeliveryQueue queue;
    private final Function<String, Sender> senders;
    private final RetryPolicy retry;
    private final Clock clock;
    private final RandomGenerator random;
    private final Executor executor;

    private final Object lock = new Object();
    private final Set<String> inFlight = new HashSet<>();
    /** Receivers not to be tried before a time (ms): their last outcome could not be saved, or the executor refused. */
    private final Map<String, Long> heldUntil = new HashMap<>();
    /** Outcomes in a row that could not be saved; the pause after each grows like a retry's back-off. */
    private int saveFailures;
    private boolean rejecting;
    private boolean running;
    private boolean signalled;
    private Thread thread;

    Dispatcher(DeliveryQueue queue, Function<String, Sender> senders, RetryPolicy retry, Clock clock,
               RandomGenerator random, Executor executor) {
        this.queue = queue;
        this.senders = senders;
        this.retry = retry;
        this.clock = clock;
        this.random = random;
        this.executor = executor;
    }

    void start() {
        synchronized (lock) {
            if (running) {
                return;
            }
            running = true;
            thread = Thread.ofPlatform().daemon().name("pharos-notify-dispatcher").start(this::loop);
        }
    }

    /** Looks at the queue now (after an enqueue, or a finished delivery). */
    void wake() {
        synchronized (lock) {
            signalled = true;
            lock.notifyAll();
        }
    }

    private void loop() {
        while (true) {
            List<Delivery> due = new ArrayList<>();
            synchronized (lock) {
                if (!running) {
                    return;
                }
                long wait = collectDue(clock.millis(), due);
                if (due.isEmpty()) {
                    if (!signalled) {
                        try {
                            lock.wait(Math.max(1, wait));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                    signalled = false;
                    continue;
                }
            }
            // Outside the lock: an executor that runs the task on this thread must not hold up wake(), and so evaluation.
            due.forEach(this::hand);
        }
    }

    /** Marks every due head whose receiver is idle as under way and adds it to {@code due}; returns how long until the next. */
    private long collectDue(long now, List<Delivery> due) {
        long wait = MAX_IDLE_MS;
        for (Delivery head : queue.heads()) {
            String receiver = head.receiver();
            if (inFlight.contains(receiver)) {
                continue;
            }
            long notBefore = Math.max(head.nextAttemptMs(), heldUntil.getOrDefault(receiver, 0L));
            if (notBefore > now) {
                wait = Math.min(wait, notBefore - now);
                continue;
            }
            heldUntil.remove(receiver);
            inFlight.add(receiver);
            due.add(head);
        }
        return wait;
    }

    private void hand(Delivery d) {
        try {
            executor.execute(() -> attempt(d));
            synchronized (lock) {
                if (rejecting) {
                    rejecting = false;
                    LOG.info("The notification executor takes deliveries again");
                }
            }
        } catch (RejectedExecutionException e) {
            // Transient as far as we can tell (a bounded pool that is full): the delivery stays queued for the next pass.
            synchronized (lock) {
                inFlight.remove(d.receiver());
                heldUntil.put(d.receiver(), clock.millis() + MAX_IDLE_MS);
                if (!rejecting && running) {
                    rejecting = true;
                    LOG.error("The notification executor refused the delivery of notification #{} to {}; it stays"
                            + " queued and is tried again every {}. If this goes on, give the executor passed to"
                            + " NotificationService more room (logged once until it takes deliveries again)",
                            d.id(), d.receiver(), Durations.human(MAX_IDLE_MS));
                }
            }
        }
    }

    private void attempt(Delivery d) {
        try {
            Sender sender = senders.apply(d.receiver());
            SendResult result;
            if (sender == null) {
                result = SendResult.permanent("receiver " + d.receiver() + " is not configured");
            } else {
                try {
                    result = sender.send(d);
                } catch (RuntimeException e) {
                    // Never the exception's message: it may quote a secret (the JDK quotes a refused header value).
                    result = SendResult.retry("sending to " + d.receiver() + " failed unexpectedly ("
                            + e.getClass().getSimpleName() + ")");
                }
            }
            record(d, result, clock.millis());
            saved();
        } catch (RuntimeException e) {
            notSaved(d, e);
        } finally {
            synchronized (lock) {
                inFlight.remove(d.receiver());
                signalled = true;
                lock.notifyAll();
            }
        }
    }

    private void saved() {
        synchronized (lock) {
            if (saveFailures > 0) {
                saveFailures = 0;
                LOG.info("Outcomes of notifications are saved again; queued notifications go out as usual");
            }
        }
    }

    /**
     * The state file failed (a full disk) or is closed (shutting down): the delivery stays queued, as it was. Its
     * receiver pauses first, or the same notification would be sent again at once, over and over.
     */
    private void notSaved(Delivery d, RuntimeException e) {
        synchronized (lock) {
            long pause = retry.backoffMs(++saveFailures, random);
            heldUntil.put(d.receiver(), clock.millis() + pause);
            if (!running) {
                LOG.debug("Outcome of notification #{} to {} not saved while stopping; it stays queued", d.id(),
                        d.receiver());
            } else if (saveFailures == 1) {
                LOG.error("Cannot save the outcome of notification #{} to {} ({}). It stays queued and is sent again"
                        + " after a pause that grows up to {}, so the receiver may get it twice. Free disk space or"
                        + " fix the state file, {}; this is logged once until saving works again", d.id(),
                        d.receiver(), e.getMessage(), Durations.human(retry.maxBackoff().toMillis()), queue.file());
            }
        }
    }

    private void record(Delivery d, SendResult result, long now) {
        switch (result) {
            case SendResult.Delivered ok -> {
                queue.finish(d, DeliveryRecord.Outcome.DELIVERED, null, now);
                LOG.debug("Notification #{} delivered to {} after {} attempt(s)", d.id(), d.receiver(), d.attempts() + 1);
            }
            case SendResult.Permanent p -> {
                queue.finish(d, DeliveryRecord.Outcome.FAILED, p.error(), now);
                LOG.warn("Notification #{} to {} failed and will not be retried: {}", d.id(), d.receiver(), p.error());
            }
            case SendResult.Retry r -> {
                int attempts = d.attempts() + 1;
                long age = now - d.createdMs();
                if (age >= retry.maxAge().toMillis()) {
                    String reason = "given up after " + attempts + " attempt(s) over " + Durations.human(age)
                            + " (maximum age " + Durations.human(retry.maxAge().toMillis()) + "); last error: " + r.error();
                    queue.finish(d, DeliveryRecord.Outcome.GAVE_UP, reason, now);
                    LOG.warn("Notification #{} to {} {}", d.id(), d.receiver(), reason);
                } else {
                    long backoff = retry.backoffMs(attempts, random);
                    long next = Math.min(now + backoff, d.createdMs() + retry.maxAge().toMillis());
                    queue.reschedule(d.failedAttempt(now, r.error(), next));
                    if (attempts == 1) {
                        LOG.warn("Notification #{} to {} failed, retrying in {}: {}", d.id(), d.receiver(),
                                Durations.human(next - now), r.error());
                    } else {
                        LOG.debug("Notification #{} to {} failed (attempt {}), retrying in {}: {}", d.id(),
                                d.receiver(), attempts, Durations.human(next - now), r.error());
                    }
                }
            }
        }
    }


    /** Stops scheduling; deliveries under way finish on the executor (or are tried again after a restart). */
    @Override
    public void close() {
        Thread t;
        synchronized (lock) {
            running = false;
            lock.notifyAll();
            t = thread;
        }
        if (t != null) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Receivers with a delivery under way. */
    Set<String> inFlight() {
        synchronized (lock) {
            return Set.copyOf(inFlight);
        }
    }
}

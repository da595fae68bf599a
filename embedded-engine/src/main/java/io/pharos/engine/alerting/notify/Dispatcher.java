package io.pharos.engine.alerting.notify;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
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
        synchronized (lock) {
            while (running) {
                long wait = dispatchDue();
                if (!signalled && running) {
                    try {
                        lock.wait(Math.max(1, wait));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                signalled = false;
            }
        }
    }

    /** Starts every due head whose receiver is idle; returns how long until the next one is due. */
    private long dispatchDue() {
        long now = clock.millis();
        long wait = MAX_IDLE_MS;
        for (Delivery head : queue.heads()) {
            if (inFlight.contains(head.receiver())) {
                continue;
            }
            if (head.nextAttemptMs() > now) {
                wait = Math.min(wait, head.nextAttemptMs() - now);
                continue;
            }
            inFlight.add(head.receiver());
            try {
                executor.execute(() -> attempt(head));
            } catch (RejectedExecutionException e) {
                inFlight.remove(head.receiver());
                LOG.debug("Notification executor refused work; stopping dispatch");
                running = false;
                return 0;
            }
        }
        return wait;
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
        } catch (RuntimeException e) {
            // The state file failed or is closed (shutting down): the delivery stays queued and is tried again.
            LOG.warn("Could not record the outcome of notification #{} to {}; it stays queued: {}", d.id(),
                    d.receiver(), e.getMessage());
        } finally {
            synchronized (lock) {
                inFlight.remove(d.receiver());
                signalled = true;
                lock.notifyAll();
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
                    String reason = "given up after " + attempts + " attempt(s) over " + human(age)
                            + " (maximum age " + human(retry.maxAge().toMillis()) + "); last error: " + r.error();
                    queue.finish(d, DeliveryRecord.Outcome.GAVE_UP, reason, now);
                    LOG.warn("Notification #{} to {} {}", d.id(), d.receiver(), reason);
                } else {
                    long backoff = retry.backoffMs(attempts, random);
                    long next = Math.min(now + backoff, d.createdMs() + retry.maxAge().toMillis());
                    queue.reschedule(d.failedAttempt(now, r.error(), next));
                    if (attempts == 1) {
                        LOG.warn("Notification #{} to {} failed, retrying in {}: {}", d.id(), d.receiver(),
                                human(next - now), r.error());
                    } else {
                        LOG.debug("Notification #{} to {} failed (attempt {}), retrying in {}: {}", d.id(),
                                d.receiver(), attempts, human(next - now), r.error());
                    }
                }
            }
        }
    }

    static String human(long ms) {
        Duration d = Duration.ofMillis(ms);
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        if (ms < 3_600_000) {
            return d.toMinutes() + " min " + d.toSecondsPart() + " s";
        }
        return d.toHours() + " h " + d.toMinutesPart() + " min";
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

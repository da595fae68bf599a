package io.pharos.views.alerts;

import io.pharos.engine.alerting.notify.DesktopEvent;
import io.pharos.engine.pipeline.AlertingRuntime;
import io.pharos.views.common.UiDispatcher;
import io.pharos.views.shell.Notice;
import io.pharos.views.shell.ShellViewModel;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine's desktop notifications of new critical alerts, as the shell's notice on whatever
 * screen is shown ("New critical alert: … at 14:02 UTC", Show critical, Dismiss). Notices add up
 * ("3 new critical alerts, latest: …") until one is dismissed or acted on. Listens from the console's
 * start, not from the first visit to the queue.
 */
public final class CriticalAlertNotices implements AutoCloseable {
    private final ShellViewModel shell;
    private final AlertQueueFocus focus;
    private final Clock clock;
    private final AutoCloseable subscription;
    private Notice posted;
    private int count;
    private final AtomicInteger arrived = new AtomicInteger();

    /** @param ui hands notifications from the engine's threads to the UI thread */
    public CriticalAlertNotices(Optional<AlertingRuntime> alerting, UiDispatcher ui, Clock clock, ShellViewModel shell,
                                AlertQueueFocus focus) {
        this.shell = shell;
        this.focus = focus;
        this.clock = clock;
        Object key = new Object();
        // The dispatcher hands over only the newest event of a burst: they are counted as they come.
        subscription = alerting.map(a -> a.notifications().desktop().subscribe(event -> {
            if (event.critical() && "firing".equals(event.status())) {
                arrived.incrementAndGet();
                ui.publish(key, event, this::onNotification);
            }
        })).orElse(null);
    }

    private void onNotification(DesktopEvent e) {
        if (posted == null || shell.noticeProperty().get() != posted) {
            count = 0; // the last notice was dismissed or acted on: start counting again
        }
        count += Math.max(1, arrived.getAndSet(0));
        var ctx = shell.context();
        String text = (count == 1 ? "New critical alert: " : count + " new critical alerts, latest: ") + e.title()
                + " at " + AlertTimes.at(e.atMs(), clock.millis(), ctx.zone().getValue(), ctx.zoneName().getValue());
        posted = new Notice(text, "Show critical", focus::showCritical);
        shell.post(posted);
    }

    @Override
    public void close() throws Exception {
        if (subscription != null) {
            subscription.close();
        }
    }
}

package io.pharos.engine.alerting.notify;

import static io.pharos.engine.alerting.notify.Fixtures.await;
import static io.pharos.engine.alerting.notify.Fixtures.firing;
import static io.pharos.engine.alerting.notify.Fixtures.firingGroup;
import static io.pharos.engine.alerting.notify.Fixtures.resolved;
import static io.pharos.engine.alerting.notify.Fixtures.resolvedGroup;
import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.store.StateStore;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DesktopNotificationsTest {
    @TempDir
    Path dir;

    @Test
    void theConsoleGetsEventsAndCriticalOnesStandOut() throws Exception {
        DesktopNotifications desktop = new DesktopNotifications();
        List<DesktopEvent> got = new CopyOnWriteArrayList<>();
        try (StateStore store = StateStore.open(dir);
             NotificationService svc = NotificationService.builder(store,
                     NotificationConfig.simple(List.of(Receiver.desktop("console")))).desktop(desktop).open();
             AutoCloseable sub = desktop.subscribe(got::add)) {
            svc.start();
            var crit = firing("HighCpu", "a", "eu-west-1", "critical", 0);
            var warn = firing("HighCpu", "b", "eu-west-1", "warning", 0);
            svc.submit(List.of(firingGroup(1000, warn, crit)));
            svc.submit(List.of(firingGroup(2000, firing("DiskFilling", "c", "us", "warning", 0))));
            await("two events", () -> got.size() == 2);
            DesktopEvent e = got.getFirst();
            assertThat(e.critical()).isTrue();
            assertThat(e.severity()).isEqualTo("critical");
            assertThat(e.title()).isEqualTo("[FIRING:2] HighCpu region=eu-west-1");
            assertThat(e.receiver()).isEqualTo("console");
            assertThat(e.firing()).isEqualTo(2);
            assertThat(e.alerts()).extracting(m -> m.get("host")).containsExactly("b", "a");
            assertThat(got.get(1).critical()).isFalse();
            assertThat(got.get(1).severity()).isEqualTo("warning");

            svc.submit(List.of(resolvedGroup(3000, resolved(crit, 2500))));
            await("resolution", () -> got.size() == 3);
            assertThat(got.get(2).status()).isEqualTo("resolved");
            assertThat(got.get(2).title()).isEqualTo("[RESOLVED] HighCpu region=eu-west-1");
            assertThat(got.get(2).critical()).isFalse();
        }
    }

    @Test
    void withoutAListenerEventsWaitInABoundedBacklog() {
        DesktopNotifications desktop = new DesktopNotifications(2);
        for (int i = 1; i <= 3; i++) {
            desktop.publish(new DesktopEvent(i, "console", "{}:{}", java.util.Map.of(), "firing", false, "", "t" + i, 1,
                    0, List.of(), i, "{}"));
        }
        assertThat(desktop.dropped()).isEqualTo(1);
        List<DesktopEvent> late = new CopyOnWriteArrayList<>();
        desktop.subscribe(late::add);
        assertThat(late).extracting(DesktopEvent::title).containsExactly("t2", "t3");
        assertThat(desktop.drain()).isEmpty();
    }
}

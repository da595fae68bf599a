package io.pharos.views.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.alerting.Silence;
import io.pharos.views.common.CurrentThreadTaskExecutor;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The silences in force beside the queue, over a real engine whose alerts the test makes fire. */
class SilenceListModelTest {
    @TempDir
    Path dir;
    private AlertFixture f;
    private AlertQueueViewModel queue;
    private SilenceListModel model;

    @BeforeEach
    void open() throws Exception {
        f = new AlertFixture(dir);
        queue = newQueue();
        model = queue.silenceList();
    }

    @AfterEach
    void close() {
        f.close();
    }

    private AlertQueueViewModel newQueue() {
        var q = new AlertQueueViewModel(Optional.of(f.runtime), new CurrentThreadTaskExecutor(), f.clock, f.context,
                "ana");
        q.refresh();
        return q;
    }

    private static AlertItem item(AlertQueueViewModel q, String host) {
        return q.groups().stream().flatMap(g -> g.items().stream())
                .filter(i -> host.equals(i.labels().get("host"))).findFirst().orElseThrow();
    }

    /** Saves a silence as someone at the console does: the editor, then Save. */
    private void silence(String who, String matchers, String duration, String reason) {
        SilenceEditorModel editor = queue.silenceEditor();
        queue.ownerProperty().set(who);
        editor.startFor(List.of());
        editor.matchersProperty().set(matchers);
        editor.durationProperty().set(duration);
        editor.reasonProperty().set(reason);
        editor.save();
        assertThat(editor.problemProperty().get()).isEmpty();
    }

    @Test
    void twoSilencesAreListedWithMatchersAuthorReasonEndAndWhatTheyMute() {
        assertThat(model.silences()).as("none made yet").isEmpty();
        silence("ana", "alertname=\"HostCpuHigh\", region=~\"eu-.*\"", "1h12m", "disk swap in eu-west-1");
        silence("bo", "host=~\"b|c\"", "2h", "kernel upgrade");

        assertThat(model.silences()).extracting(SilenceRow::matchers, SilenceRow::author, SilenceRow::reason,
                SilenceRow::started, SilenceRow::ends, SilenceRow::mutes).containsExactly(
                org.assertj.core.groups.Tuple.tuple("alertname=\"HostCpuHigh\", region=~\"eu-.*\"", "ana",
                        "disk swap in eu-west-1", "12:00:00 UTC", "in 1 h 12 min · 13:12:00 UTC", 2),
                org.assertj.core.groups.Tuple.tuple("host=~\"b|c\"", "bo", "kernel upgrade", "12:00:00 UTC",
                        "in 2 h · 14:00:00 UTC", 2));
        for (String host : List.of("a", "b", "c")) {
            assertThat(item(queue, host).state()).isEqualTo(QueueState.SILENCED);
        }
        assertThat(item(queue, "a").mutedBy()).contains("ana", "disk swap in eu-west-1");
        assertThat(item(queue, "c").mutedBy()).contains("bo", "kernel upgrade");
        assertThat(queue.groups().getFirst().first().state()).as("RegionDown matches neither")
                .isEqualTo(QueueState.FIRING);
    }

    @Test
    void expiringOneTellsWhatNotifiesAgainUnmutesItAtOnceAndStaysExpiredAfterARestart() {
        silence("ana", "alertname=\"HostCpuHigh\", region=~\"eu-.*\"", "1h12m", "disk swap in eu-west-1");
        silence("bo", "host=~\"b|c\"", "2h", "kernel upgrade");
        SilenceRow eu = model.silences().getFirst();

        assertThat(model.confirmation(eu)).isEqualTo("Expire the silence alertname=\"HostCpuHigh\", region=~\"eu-.*\""
                + " (ana: disk swap in eu-west-1) now?");
        assertThat(model.effect(eu)).as("b stays muted by bo's silence: only a comes back")
                .isEqualTo("1 alert starts notifying again: HostCpuHigh · eu-west-1 host=a (firing)");

        model.expire(eu);
        assertThat(model.silences()).extracting(SilenceRow::author).containsExactly("bo");
        assertThat(item(queue, "a").state()).as("a notifies again").isEqualTo(QueueState.FIRING);
        assertThat(item(queue, "a").mutedBy()).isEmpty();
        assertThat(item(queue, "b").state()).as("still under bo's silence").isEqualTo(QueueState.SILENCED);
        assertThat(queue.messageProperty().get()).isEqualTo("Expired the silence alertname=\"HostCpuHigh\","
                + " region=~\"eu-.*\" by ana: 1 alert notifies again");

        f.reopenAlerting();
        AlertQueueViewModel reopened = newQueue();
        assertThat(reopened.silenceList().silences()).extracting(SilenceRow::author, SilenceRow::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("bo", "kernel upgrade"));
        assertThat(item(reopened, "a").state()).as("still expired after a restart").isEqualTo(QueueState.FIRING);
        assertThat(f.runtime.pipeline().silences()).filteredOn(s -> s.author().equals("ana")).singleElement()
                .extracting(Silence::endMs).isEqualTo(AlertFixture.NOW);
    }

    @Test
    void aSilenceWhoseAlertsAnotherSilenceHoldsSaysNothingStartsNotifying() {
        silence("ana", "host=\"c\"", "30m", "kernel upgrade");
        silence("bo", "region=\"us-east-1\"", "1h", "network work");
        SilenceRow c = model.silences().getFirst();
        assertThat(c.author()).isEqualTo("ana");
        assertThat(model.effect(c)).isEqualTo("Another silence still mutes its alerts: nothing starts notifying.");
    }

    @Test
    void expiringWithNothingChosenSaysWhatToDo() {
        model.expireNothing();
        assertThat(queue.messageProperty().get()).isEqualTo("No active silences to expire.");
        silence("ana", "host=\"c\"", "30m", "kernel upgrade");
        model.expireNothing();
        assertThat(queue.messageProperty().get()).startsWith("Choose a silence first: L shows the silences");
    }
}

package io.pharos.flows;

import static io.pharos.flows.ConsoleUnderTest.await;
import static io.pharos.flows.ConsoleUnderTest.fx;
import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.incident.ActionStatus;
import io.pharos.engine.incident.Incident;
import io.pharos.engine.incident.IncidentStatus;
import io.pharos.views.alerts.AlertGroup;
import io.pharos.views.alerts.AlertItem;
import io.pharos.views.alerts.QueueState;
import io.pharos.views.alerts.SilenceRow;
import io.pharos.views.incidents.IncidentRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

/**
 * An engineer on call works the outage with the keyboard only: acknowledges an alert, silences a
 * group, opens an incident from an alert, acknowledges it, runs an automated response after its
 * check, mitigates, resolves, writes and exports the postmortem.
 */
class OnCallFlowTest extends ConsoleFlow {

    @Test
    void fromTheQueueToThePostmortemByKeyboard() throws Exception {
        openConsole();
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT3);
        await("the alert queue", () -> "Alert queue".equals(console.text("screen-title")));
        await("the queue's alerts", () -> fx(() -> table().getExpandedItemCount() > 0));
        assertThat(console.focused().getId()).as("the queue has the focus").isEqualTo("alert-table");

        // Acknowledge the slow burn: someone owns it.
        select(alert("ErrorBudgetBurnSlow", "eu-west-1"));
        robot.type(KeyCode.K);
        await("the owner field", () -> "ack-owner".equals(console.focused().getId()));
        robot.write("dana").type(KeyCode.ENTER);
        await("the acknowledgement", () -> fx(() -> item(alert("ErrorBudgetBurnSlow", "eu-west-1")).state())
                == QueueState.ACKNOWLEDGED);
        assertThat(fx(() -> item(alert("ErrorBudgetBurnSlow", "eu-west-1")).owner())).isEqualTo("dana");

        // Silence the checkout latency group of ap-northeast-1: a rollback is on its way.
        select(group("RegionP99LatencyHigh", "ap-northeast-1"));
        robot.type(KeyCode.S);
        await("the silence editor", () -> "silence-reason".equals(console.focused().getId()));
        String matchers = fx(() -> ((TextField) console.lookup("silence-matchers")).getText());
        assertThat(matchers).contains("alertname=\"RegionP99LatencyHigh\"", "region=\"ap-northeast-1\"");
        robot.write("checkout rollback under way").type(KeyCode.ENTER);
        await("the group silenced", () -> fx(() -> groupOf("RegionP99LatencyHigh", "ap-northeast-1").items().stream()
                .allMatch(i -> i.state() == QueueState.SILENCED)));

        // The silence is listed with what it matches, who made it and why; Escape goes back to the queue.
        int silenced = fx(() -> groupOf("RegionP99LatencyHigh", "ap-northeast-1").items().size());
        robot.type(KeyCode.L);
        await("the silences list", () -> "silence-table".equals(console.focused().getId()));
        assertThat(fx(() -> silenceTable().getItems().stream()
                .filter(r -> r.reason().equals("checkout rollback under way")).toList())).singleElement()
                .satisfies(r -> {
                    assertThat(r.matchers()).isEqualTo(matchers);
                    assertThat(r.author()).isEqualTo("dana");
                    assertThat(r.mutes()).isEqualTo(silenced);
                    assertThat(r.ends()).isEqualTo("in 2 h · 18:00:00 UTC");
                });
        robot.type(KeyCode.ESCAPE);
        await("back to the queue", () -> "alert-table".equals(console.focused().getId()));

        // Open an incident from the failing region's success rate.
        select(alert("RegionSuccessRateLow", "eu-west-1"));
        robot.type(KeyCode.I);
        await("the incident editor", () -> "incident-title".equals(console.focused().getId()));
        robot.type(KeyCode.ENTER);
        await("the incident", () -> console.alerting.incidents().list().stream()
                .anyMatch(i -> i.title().equals("RegionSuccessRateLow in eu-west-1")));
        Incident incident = console.alerting.incidents().list().stream()
                .filter(i -> i.title().equals("RegionSuccessRateLow in eu-west-1")).findFirst().orElseThrow();

        // Work it on the incidents screen.
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT4);
        await("the incidents screen", () -> "Incidents".equals(console.text("screen-title")));
        robot.type(KeyCode.L);
        assertThat(console.focused().getId()).isEqualTo("incident-table");
        selectIncident(incident.id());
        await("its detail", () -> String.valueOf(console.text("incident-title")).startsWith(incident.id() + " "));
        robot.type(KeyCode.A);
        await("acknowledged", () -> status(incident) == IncidentStatus.ACKNOWLEDGED);

        robot.type(KeyCode.X);
        assertThat(console.focused().getId()).isEqualTo("action-kind");
        robot.type(KeyCode.TAB).write("eu-west-1").type(KeyCode.TAB).write("checkout").type(KeyCode.TAB).write("1");
        robot.type(KeyCode.TAB);
        assertThat(console.focused().getId()).isEqualTo("action-check");
        robot.type(KeyCode.SPACE);
        await("the confirmation", () -> "action-confirm".equals(console.focused().getId()));
        assertThat(fx(() -> console.lookup("action-confirmation").lookupAll(".label").stream()
                .map(n -> ((javafx.scene.control.Label) n).getText()).toList()))
                .as("the confirmation shows the expected effect and the policy's verdict")
                .anySatisfy(l -> assertThat(l).startsWith("Expected: "))
                .anySatisfy(l -> assertThat(l).startsWith("Policy: "));
        robot.type(KeyCode.SPACE);
        await("the response finished", () -> console.alerting.responses().orElseThrow().actions(incident.id())
                .stream().anyMatch(a -> a.status() == ActionStatus.SUCCEEDED || a.status() == ActionStatus.FAILED
                        || a.status() == ActionStatus.REFUSED));
        assertThat(console.alerting.responses().orElseThrow().actions(incident.id())).singleElement()
                .satisfies(a -> assertThat(a.status()).as(a.toString()).isEqualTo(ActionStatus.SUCCEEDED));

        robot.type(KeyCode.L).type(KeyCode.M);
        await("mitigating", () -> status(incident) == IncidentStatus.MITIGATING);
        robot.type(KeyCode.R);
        await("resolved", () -> status(incident) == IncidentStatus.RESOLVED);

        robot.type(KeyCode.W);
        assertThat(console.focused().getId()).isEqualTo("postmortem-summary");
        robot.write("eu-west-1 answered 40 % of requests for 30 min").type(KeyCode.ENTER);
        assertThat(console.focused().getId()).isEqualTo("postmortem-cause");
        robot.write("a bad network change").type(KeyCode.ENTER);
        await("the postmortem saved", () -> console.alerting.incidents().require(incident.id()).postmortem() != null);

        assertThat(console.focused().getId()).as("Enter saved it and left the field").isEqualTo("incident-table");
        robot.type(KeyCode.E);
        Path markdown = dir.resolve("postmortems").resolve(incident.id() + ".md");
        await("the postmortem exported", () -> Files.exists(markdown)
                && String.valueOf(console.text("incident-message")).startsWith("Postmortem written to"));
        String text = Files.readString(markdown);
        assertThat(text).contains("RegionSuccessRateLow in eu-west-1", "eu-west-1 answered 40 % of requests",
                "a bad network change", "acknowledged", "resolved", "checkout");
    }

    private IncidentStatus status(Incident incident) {
        return console.alerting.incidents().require(incident.id()).status();
    }

    @SuppressWarnings("unchecked")
    private TreeTableView<Object> table() throws Exception {
        return (TreeTableView<Object>) console.lookup("alert-table");
    }

    @SuppressWarnings("unchecked")
    private TableView<SilenceRow> silenceTable() throws Exception {
        return (TableView<SilenceRow>) console.lookup("silence-table");
    }

    private static Predicate<Object> alert(String name, String region) {
        return v -> v instanceof AlertItem i && i.name().equals(name) && i.region().equals(region);
    }

    private static Predicate<Object> group(String name, String region) {
        return v -> v instanceof AlertGroup g && g.name().equals(name) && g.region().equals(region);
    }

    private AlertItem item(Predicate<Object> which) throws Exception {
        TreeTableView<Object> t = table();
        for (int r = 0; r < t.getExpandedItemCount(); r++) {
            if (which.test(t.getTreeItem(r).getValue())) {
                return (AlertItem) t.getTreeItem(r).getValue();
            }
        }
        throw new AssertionError("no such alert in the queue");
    }

    private AlertGroup groupOf(String name, String region) throws Exception {
        TreeTableView<Object> t = table();
        for (int r = 0; r < t.getExpandedItemCount(); r++) {
            if (group(name, region).test(t.getTreeItem(r).getValue())) {
                return (AlertGroup) t.getTreeItem(r).getValue();
            }
        }
        throw new AssertionError("no group " + name + " of " + region + " in the queue");
    }

    /** Moves the incident list's selection to {@code id} with the arrow keys. */
    private void selectIncident(String id) throws Exception {
        await("the incident listed", () -> fx(() -> incidentTable().getItems().stream().anyMatch(r -> r.id().equals(id))));
        int[] rows = fx(() -> {
            TableView<IncidentRow> t = incidentTable();
            int target = -1;
            for (int r = 0; r < t.getItems().size(); r++) {
                if (t.getItems().get(r).id().equals(id)) {
                    target = r;
                }
            }
            return new int[] {t.getSelectionModel().getSelectedIndex(), target};
        });
        int from = rows[0];
        if (from < 0) {
            robot.type(KeyCode.DOWN);
            from = 0;
        }
        int steps = rows[1] - from;
        for (int i = 0; i < Math.abs(steps); i++) {
            robot.type(steps > 0 ? KeyCode.DOWN : KeyCode.UP);
        }
    }

    @SuppressWarnings("unchecked")
    private TableView<IncidentRow> incidentTable() throws Exception {
        return (TableView<IncidentRow>) console.lookup("incident-table");
    }

    /** Moves the queue's selection to the row {@code which} with the arrow keys, as a person would. */
    private void select(Predicate<Object> which) throws Exception {
        int[] rows = fx(() -> {
            TreeTableView<Object> t = table();
            int target = -1;
            for (int r = 0; r < t.getExpandedItemCount() && target < 0; r++) {
                if (which.test(t.getTreeItem(r).getValue())) {
                    target = r;
                }
            }
            return new int[] {t.getSelectionModel().getSelectedIndex(), target};
        });
        assertThat(rows[1]).as("the row is in the queue").isNotNegative();
        int from = rows[0];
        if (from < 0) {
            robot.type(KeyCode.DOWN); // the first arrow selects the first row
            from = 0;
        }
        int steps = rows[1] - from;
        for (int i = 0; i < Math.abs(steps); i++) {
            robot.type(steps > 0 ? KeyCode.DOWN : KeyCode.UP);
        }
        await("the row selected", () -> fx(() -> which.test(table().getSelectionModel().getSelectedItem().getValue())));
    }
}

package io.pharos.views.incidents;

import io.pharos.engine.incident.ActionKind;
import io.pharos.engine.incident.ActionRecord;
import io.pharos.engine.incident.PolicyVerdict;
import io.pharos.engine.incident.ResponseAction;
import io.pharos.engine.incident.ResponseService;
import io.pharos.styles.StyleClasses;
import java.util.Locale;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * Automated responses of the incident shown: an action is described, checked (its expected effect
 * and the policy's verdict are shown), and only then run, or refused; actions waiting for a second
 * person's approval can be approved or rejected here.
 */
final class ResponsePanel {
    private final VBox root = new VBox(8);
    private final IncidentsViewModel model;
    private final ComboBox<ActionKind> kind = new ComboBox<>();
    private final TextField region = new TextField();
    private final TextField target = new TextField();
    private final TextField amount = new TextField();
    private final Label formError = new Label();
    private final VBox confirmation = new VBox(6);
    private final Button check;
    private final VBox waiting = new VBox(6);
    private final ChangeListener<ResponseService.Preview> previewListener = (obs, o, n) -> showPreview(n);
    private final ChangeListener<IncidentDetail> detailListener = (obs, o, n) -> showWaiting();

    ResponsePanel(IncidentsViewModel model) {
        this.model = model;
        root.getStyleClass().add(StyleClasses.PANEL);
        root.setId("responses");
        Label heading = new Label("Automated responses");
        heading.getStyleClass().add(StyleClasses.PANEL_TITLE);
        kind.getItems().setAll(ActionKind.values());
        kind.setValue(ActionKind.SCALE_COMPUTE);
        kind.setId("action-kind");
        kind.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(ActionKind k) {
                return k == null ? "" : k.id();
            }

            @Override
            public ActionKind fromString(String s) {
                return ActionKind.byId(s);
            }
        });
        kind.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        region.setPrefColumnCount(9);
        target.setPrefColumnCount(9);
        amount.setPrefColumnCount(7);
        region.setPromptText("region");
        region.setId("action-region");
        target.setId("action-target");
        amount.setId("action-amount");
        kind.valueProperty().addListener((obs, o, n) -> prompts(n));
        prompts(kind.getValue());
        check = new Button("Check");
        check.setId("action-check");
        check.setOnAction(e -> check());
        check.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox form = new HBox(8, kind, region, target, amount, check);
        form.setAlignment(Pos.CENTER_LEFT);
        formError.getStyleClass().add(StyleClasses.SEVERITY_CRITICAL);
        formError.setWrapText(true);
        confirmation.setId("action-confirmation");
        root.getChildren().addAll(heading, form, formError, confirmation, waiting);
        if (model.readOnly()) {
            Label off = new Label("Read-only snapshot: the incident's actions are in its timeline; none run from here.");
            off.getStyleClass().add(StyleClasses.MUTED);
            off.setWrapText(true);
            root.getChildren().setAll(heading, off);
        } else if (!model.responsesAvailable()) {
            Label off = new Label("No automated responses: run the reference fleet, or give --responses FILE.");
            off.getStyleClass().add(StyleClasses.MUTED);
            root.getChildren().setAll(heading, off);
        }
        model.previewProperty().addListener(previewListener);
        model.detailProperty().addListener(detailListener);
    }

    /** What the two fields mean for each kind of action. */
    private void prompts(ActionKind k) {
        target.setPromptText(switch (k) {
            case SCALE_COMPUTE -> "service";
            case FAIL_OVER_REGION -> "to region";
            case FAIL_BACK_REGION -> "from region";
            case CLEAN_UP_RESOURCES -> "resource (disk)";
            default -> "";
        });
        amount.setPromptText(switch (k) {
            case SCALE_COMPUTE -> "hosts (+/-)";
            case THROTTLE_TRAFFIC -> "share, e.g. 0.2";
            default -> "";
        });
        target.setDisable(k == ActionKind.THROTTLE_TRAFFIC);
        amount.setDisable(k != ActionKind.SCALE_COMPUTE && k != ActionKind.THROTTLE_TRAFFIC);
    }

    private void check() {
        try {
            model.check(action());
            formError.setText("");
        } catch (IllegalArgumentException e) {
            formError.setText(e.getMessage());
        }
    }

    /** The action the form describes; an IllegalArgumentException says what is missing. */
    ResponseAction action() {
        String r = region.getText().strip();
        if (r.isEmpty()) {
            throw new IllegalArgumentException("Name the region the action is for, such as us-east-1.");
        }
        String t = target.getText().strip();
        String a = amount.getText().strip();
        try {
            return switch (kind.getValue()) {
                case SCALE_COMPUTE -> new ResponseAction.ScaleCompute(r, t, Integer.parseInt(a));
                case THROTTLE_TRAFFIC -> new ResponseAction.ThrottleTraffic(r, Double.parseDouble(a));
                case CLEAN_UP_RESOURCES -> new ResponseAction.CleanUpResources(r, t.isEmpty() ? "disk" : t);
                case FAIL_OVER_REGION -> new ResponseAction.FailOverRegion(r, t);
                case FAIL_BACK_REGION -> new ResponseAction.FailBackRegion(r, t);
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + a + "' is not a number: "
                    + (kind.getValue() == ActionKind.SCALE_COMPUTE ? "hosts to add (or remove, negative)"
                    : "the share of requests to refuse, between 0 and 1") + ".");
        }
    }

    /** The confirmation: what it does, what it is expected to change, what the policy says. */
    private void showPreview(ResponseService.Preview p) {
        boolean hadFocus = confirmation.getScene() != null && confirmation.getScene().getFocusOwner() != null
                && isInside(confirmation.getScene().getFocusOwner());
        confirmation.getChildren().clear();
        if (p == null) {
            if (hadFocus) {
                check.requestFocus(); // the keyboard stays in the panel, not on a button that is gone
            }
            return;
        }
        confirmation.getStyleClass().setAll("confirmation");
        Label what = new Label(p.action().describe() + ", by " + p.executor() + (p.simulated() ? " (SIMULATED)" : ""));
        what.getStyleClass().add(StyleClasses.FIGURE_VALUE);
        Label effect = new Label("Expected: " + p.expected().text());
        effect.setWrapText(true);
        PolicyVerdict v = p.verdict();
        Label verdict = new Label("Policy: " + v.describe());
        verdict.setWrapText(true);
        verdict.getStyleClass().add(switch (v.decision()) {
            case REFUSED -> StyleClasses.SEVERITY_CRITICAL;
            case NEEDS_APPROVAL -> StyleClasses.SEVERITY_WARNING;
            case AUTOMATIC -> StyleClasses.STATE_HEALTHY;
        });
        Button run = new Button(switch (v.decision()) {
            case AUTOMATIC -> "Run now";
            case NEEDS_APPROVAL -> "Propose for approval";
            case REFUSED -> "Record as refused";
        });
        run.setId("action-confirm");
        run.setOnAction(e -> model.confirm());
        Button cancel = new Button("Cancel");
        cancel.setOnAction(e -> model.cancelCheck());
        confirmation.getChildren().addAll(what, effect, verdict, new HBox(8, run, cancel));
        run.requestFocus();
    }

    private boolean isInside(javafx.scene.Node n) {
        for (javafx.scene.Node p = n; p != null; p = p.getParent()) {
            if (p == confirmation) {
                return true;
            }
        }
        return false;
    }

    private void showWaiting() {
        waiting.getChildren().clear();
        for (ActionRecord a : model.waiting()) {
            Label what = new Label(a.id() + ": " + a.action().describe() + " — proposed by " + a.proposedBy()
                    + ", waits for a second person");
            TextField approver = new TextField();
            approver.setPromptText("approver's name");
            approver.setId("approver-" + a.id());
            Button approve = new Button("Approve");
            approve.setId("approve-" + a.id());
            approve.disableProperty().bind(approver.textProperty().isEmpty());
            approve.setOnAction(e -> model.approve(a.id(), approver.getText().strip()));
            Button reject = new Button("Reject");
            reject.setOnAction(e -> model.reject(a.id(), "rejected in the console by " + model.actor()));
            HBox line = new HBox(8, what, approver, approve, reject);
            line.setAlignment(Pos.CENTER_LEFT);
            waiting.getChildren().add(line);
        }
        if (waiting.getChildren().isEmpty()) {
            return;
        }
        Label title = new Label("Waiting for approval".toUpperCase(Locale.ROOT));
        title.getStyleClass().add(StyleClasses.KPI_LABEL);
        waiting.getChildren().addFirst(title);
    }

    /** Where a response starts: the choice of action. */
    javafx.scene.Node firstField() {
        return kind;
    }

    VBox root() {
        return root;
    }

    void dispose() {
        model.previewProperty().removeListener(previewListener);
        model.detailProperty().removeListener(detailListener);
    }
}

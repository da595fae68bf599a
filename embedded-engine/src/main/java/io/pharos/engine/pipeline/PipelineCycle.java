package io.pharos.engine.pipeline;

import io.pharos.engine.alerting.Notification;
import io.pharos.engine.rules.RuleCycle;
import java.util.List;

/** What one pass of the pipeline did: the rules' cycle, every alert after muting, and what was notified. */
public record PipelineCycle(RuleCycle rules, List<AlertRow> alerts, List<Notification> notifications) {
    public PipelineCycle {
        alerts = List.copyOf(alerts);
        notifications = List.copyOf(notifications);
    }
}

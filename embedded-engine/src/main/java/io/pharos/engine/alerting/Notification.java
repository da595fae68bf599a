package io.pharos.engine.alerting;

import io.pharos.engine.model.Labels;
import java.util.List;

/** One message about one group: the alerts firing in it and those resolved since the last message. */
public record Notification(Labels group, List<Alert> firing, List<Alert> resolved, long atMs, boolean repeat) {
}

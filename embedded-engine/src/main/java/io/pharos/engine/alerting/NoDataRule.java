package io.pharos.engine.alerting;

import io.pharos.engine.model.Labels;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Raises an alert for each watched series that has sent nothing for {@code after}: a silent exporter
 * or a dead host must not look like a healthy one. Its result feeds an {@link AlertLifecycle} like
 * any rule's: the condition "no data" holds for those label sets, valued with the silence in seconds.
 */
public record NoDataRule(String alertName, Duration after) {

    public NoDataRule {
        if (after.isNegative() || after.isZero()) {
            throw new IllegalArgumentException("no-data needs a positive duration");
        }
    }

    /**
     * @param lastSampleMs when each watched series last had a sample
     * @return the label sets (with {@code alertname}) whose data stopped, valued with seconds of silence
     */
    public Map<Labels, Double> holding(long nowMs, Map<Labels, Long> lastSampleMs) {
        Map<Labels, Double> out = new HashMap<>();
        lastSampleMs.forEach((labels, last) -> {
            long silent = nowMs - last;
            if (silent >= after.toMillis()) {
                out.put(labels.with("alertname", alertName), silent / 1000.0);
            }
        });
        return out;
    }
}

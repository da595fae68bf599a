package io.pharos.engine.alerting;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Whatever arrives at the webhook (its sender holds the token, but its bytes are still another
 * program's) is read as Alertmanager's message or refused with a reason: never another exception, and
 * every alert read has its alertname and a time order that makes sense. Seeds in
 * {@code src/test/resources/io/pharos/engine/alerting/AlertmanagerWebhookFuzzTestInputs/}; fuzzed in
 * CI for a bounded time by scripts/fuzz.
 */
class AlertmanagerWebhookFuzzTest {
    private static final long NOW = 1_765_100_000_000L;

    @FuzzTest(maxDuration = "30s")
    void anyMessageReadsOrIsRefused(byte[] input) {
        try {
            for (ReceivedAlert a : AlertmanagerWebhook.parse(input, NOW)) {
                if (a.alertname() == null || a.alertname().isEmpty()) {
                    throw new AssertionError("an alert without alertname: " + a);
                }
                if (a.endsAtMs() != Long.MAX_VALUE && a.endsAtMs() > NOW) {
                    throw new AssertionError("an alert that ends after it was received: " + a);
                }
            }
        } catch (AlertmanagerWebhook.NotAWebhook refused) {
            // refused, with a reason
        }
    }
}

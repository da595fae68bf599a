package io.pharos.engine.alerting.notify;

import io.pharos.engine.model.Labels;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Receivers, escalation policies and the routes that choose a policy for each group, with the retry
 * policy and the external URL written into payloads. Checked when made: names are unique and every
 * name refers to something defined.
 *
 * @param externalUrl  the payload's {@code externalURL} (where a person can look at the alerts); may be empty
 * @param logRetention how long the delivery log keeps an entry (null: {@link #DEFAULT_LOG_RETENTION})
 */
public record NotificationConfig(List<Receiver> receivers, List<EscalationPolicy> policies, List<Route> routes,
                                 RetryPolicy retry, String externalUrl, Duration logRetention) {

    /** The delivery log keeps 30 days unless told otherwise. */
    public static final Duration DEFAULT_LOG_RETENTION = Duration.ofDays(30);

    /** With the default retention of the delivery log. */
    public NotificationConfig(List<Receiver> receivers, List<EscalationPolicy> policies, List<Route> routes,
                              RetryPolicy retry, String externalUrl) {
        this(receivers, policies, routes, retry, externalUrl, null);
    }

    public NotificationConfig {
        logRetention = logRetention == null ? DEFAULT_LOG_RETENTION : logRetention;
        if (logRetention.isNegative() || logRetention.isZero()) {
            throw new IllegalArgumentException("the delivery log must be kept for a positive time, got " + logRetention);
        }
        receivers = List.copyOf(receivers);
        policies = List.copyOf(policies);
        routes = List.copyOf(routes);
        retry = retry == null ? RetryPolicy.DEFAULT : retry;
        externalUrl = externalUrl == null ? "" : externalUrl;
        Set<String> names = new HashSet<>();
        for (Receiver r : receivers) {
            if (!names.add(r.name())) {
                throw new IllegalArgumentException("two receivers are named " + r.name());
            }
        }
        Set<String> policyNames = new HashSet<>();
        for (EscalationPolicy p : policies) {
            if (!policyNames.add(p.name())) {
                throw new IllegalArgumentException("two escalation policies are named " + p.name());
            }
            for (EscalationPolicy.Level l : p.levels()) {
                for (String r : l.receivers()) {
                    if (!names.contains(r)) {
                        throw new IllegalArgumentException("escalation policy " + p.name() + " names receiver " + r
                                + ", which is not defined");
                    }
                }
            }
        }
        for (Route r : routes) {
            if (!policyNames.contains(r.policy())) {
                throw new IllegalArgumentException("a route names escalation policy " + r.policy()
                        + ", which is not defined");
            }
        }
    }

    /** Every group to all these receivers at once: one policy "default", one route for everything. */
    public static NotificationConfig simple(List<Receiver> receivers) {
        String[] names = receivers.stream().map(Receiver::name).toArray(String[]::new);
        return new NotificationConfig(receivers, List.of(EscalationPolicy.notify("default", names)),
                List.of(Route.all("default")), RetryPolicy.DEFAULT, "");
    }

    public NotificationConfig withRetry(RetryPolicy r) {
        return new NotificationConfig(receivers, policies, routes, r, externalUrl, logRetention);
    }

    public NotificationConfig withExternalUrl(String url) {
        return new NotificationConfig(receivers, policies, routes, retry, url, logRetention);
    }

    public NotificationConfig withLogRetention(Duration keep) {
        return new NotificationConfig(receivers, policies, routes, retry, externalUrl, keep);
    }

    public Optional<Receiver> receiver(String name) {
        return receivers.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    public Optional<EscalationPolicy> policy(String name) {
        return policies.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The policy of the first route that matches, if any. */
    public Optional<EscalationPolicy> route(Labels common) {
        for (Route r : routes) {
            if (r.matches(common)) {
                return policy(r.policy());
            }
        }
        return Optional.empty();
    }

    Map<String, Receiver> receiversByName() {
        Map<String, Receiver> m = new LinkedHashMap<>();
        receivers.forEach(r -> m.put(r.name(), r));
        return m;
    }
}

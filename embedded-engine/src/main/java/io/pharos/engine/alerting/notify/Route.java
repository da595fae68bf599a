package io.pharos.engine.alerting.notify;

import io.pharos.engine.model.Labels;
import io.pharos.engine.model.Matcher;
import java.util.List;
import java.util.Objects;

/**
 * Sends a group to an escalation policy when every matcher matches the labels all of the
 * notification's alerts share (which include the group's labels). Routes are tried in order; the
 * first that matches wins. A route with no matchers matches every group.
 */
public record Route(List<Matcher> matchers, String policy) {

    public Route {
        matchers = List.copyOf(matchers);
        Objects.requireNonNull(policy, "policy");
    }

    public static Route all(String policy) {
        return new Route(List.of(), policy);
    }

    public boolean matches(Labels common) {
        for (Matcher m : matchers) {
            if (!m.matches(common)) {
                return false;
            }
        }
        return true;
    }
}

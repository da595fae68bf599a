package io.pharos.engine.dashboard;

import io.pharos.engine.model.Matcher;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the dashboard computes its figures.
 *
 * @param objective       availability objective and its window (default 99.99 % over 30 days)
 * @param health          region health thresholds (default the design's)
 * @param backendServices regex of the {@code service} label of services that serve other services, not
 *                        users (default "database|cache", as the default rules' response time)
 * @param scope           matchers added to every query, e.g. {@code source="simulated"} to show only the
 *                        reference fleet, or {@code source!="simulated"} only real systems; empty: all
 * @param nowWindow       how far back "now" looks from the end of the range (default 5 minutes)
 * @param points          steps per range read (availability, capacity peak): the resolution of peaks
 */
public record DashboardConfig(Objective objective, HealthRule health, String backendServices, List<Matcher> scope,
                              Duration nowWindow, int points) {

    public static final DashboardConfig DEFAULTS = new DashboardConfig(Objective.DEFAULT, HealthRule.DEFAULTS,
            "database|cache", List.of(), Duration.ofMinutes(5), 120);

    public DashboardConfig {
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(backendServices, "backendServices");
        scope = List.copyOf(scope);
        Objects.requireNonNull(nowWindow, "nowWindow");
        if (nowWindow.toMillis() < 1_000) {
            throw new IllegalArgumentException("the now window must be at least a second, got " + nowWindow);
        }
        if (points < 1) {
            throw new IllegalArgumentException("points must be at least 1, got " + points);
        }
        Matcher.regex("service", backendServices); // a bad regex fails here, not at the first read
    }

    public DashboardConfig withObjective(Objective o) {
        return new DashboardConfig(o, health, backendServices, scope, nowWindow, points);
    }

    public DashboardConfig withHealth(HealthRule h) {
        return new DashboardConfig(objective, h, backendServices, scope, nowWindow, points);
    }

    public DashboardConfig withScope(List<Matcher> s) {
        return new DashboardConfig(objective, health, backendServices, s, nowWindow, points);
    }

    public DashboardConfig withPoints(int p) {
        return new DashboardConfig(objective, health, backendServices, scope, nowWindow, p);
    }
}

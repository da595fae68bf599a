package io.pharos.engine.host;

import io.pharos.engine.dashboard.Health;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges a host's health from its newest figures: unhealthy when it has sent nothing for
 * {@code staleAfterMs} (it is down, or its agent is) or a resource is nearly exhausted; degraded when
 * one is running high. Pure: the same figures give the same verdict. NaN means "not measured".
 *
 * @param degraded  utilisation (0..1) of CPU, memory or a file system from which the host is degraded
 * @param unhealthy utilisation from which it is unhealthy
 */
public record HostHealthRule(double degraded, double unhealthy, long staleAfterMs) {
    /** 85 % and 95 %, and five minutes without a sample (Prometheus' staleness). */
    public static final HostHealthRule DEFAULTS = new HostHealthRule(0.85, 0.95, 300_000);

    public HostHealthRule {
        if (!(degraded > 0 && unhealthy >= degraded && unhealthy <= 1 && staleAfterMs > 0)) {
            throw new IllegalArgumentException("0 < degraded <= unhealthy <= 1, and a positive stale time");
        }
    }

    /** A host's newest figures: utilisation ratios (NaN when not measured), the fullest file system, its age. */
    public record Figures(double cpu, double memory, double fullestFilesystem, long newestSampleMs) {
    }

    /** A health and why, e.g. DEGRADED because "memory 88 % ≥ 85 %". */
    public record Verdict(Health health, List<String> reasons) {
        public Verdict {
            reasons = List.copyOf(reasons);
        }
    }

    public Verdict judge(Figures f, long nowMs) {
        if (f.newestSampleMs() == Long.MIN_VALUE) {
            return new Verdict(Health.UNKNOWN, List.of("no sample of this host"));
        }
        if (nowMs - f.newestSampleMs() >= staleAfterMs) {
            return new Verdict(Health.UNHEALTHY, List.of("no sample for " + (nowMs - f.newestSampleMs()) / 1000
                    + " s: the host or its agent is down"));
        }
        List<String> bad = new ArrayList<>();
        List<String> high = new ArrayList<>();
        check("CPU", f.cpu(), bad, high);
        check("memory", f.memory(), bad, high);
        check("file system", f.fullestFilesystem(), bad, high);
        if (!bad.isEmpty()) {
            return new Verdict(Health.UNHEALTHY, bad);
        }
        if (!high.isEmpty()) {
            return new Verdict(Health.DEGRADED, high);
        }
        if (Double.isNaN(f.cpu()) && Double.isNaN(f.memory()) && Double.isNaN(f.fullestFilesystem())) {
            return new Verdict(Health.UNKNOWN, List.of("no CPU, memory or file system figures"));
        }
        return new Verdict(Health.HEALTHY, List.of());
    }

    private void check(String what, double ratio, List<String> bad, List<String> high) {
        if (Double.isNaN(ratio)) {
            return;
        }
        if (ratio >= unhealthy) {
            bad.add(what + " " + percent(ratio) + " ≥ " + percent(unhealthy));
        } else if (ratio >= degraded) {
            high.add(what + " " + percent(ratio) + " ≥ " + percent(degraded));
        }
    }

    private static String percent(double r) {
        return Math.round(r * 100) + " %";
    }
}

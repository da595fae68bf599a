package io.pharos.views.region;

/**
 * When a host counts as running hot in the host table: the default alert rules' limits (CPU above
 * 80 %, memory above 85 %), which a user can change with their own rules.
 */
public record HostLimits(double cpu, double memory) {
    public static final HostLimits DEFAULTS = new HostLimits(0.80, 0.85);

    public boolean hot(double cpuRatio, double memoryRatio) {
        return cpuRatio > cpu || memoryRatio > memory;
    }
}

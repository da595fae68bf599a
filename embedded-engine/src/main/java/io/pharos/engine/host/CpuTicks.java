package io.pharos.engine.host;

import java.util.OptionalDouble;

/**
 * The CPU's busy share between two reads of its tick counters (user, nice, system, idle, iowait,
 * irq, softirq, steal): everything but idle and iowait, over all ticks; nothing at the first read.
 */
final class CpuTicks {
    private long[] previous;

    OptionalDouble busy(long[] ticks, int idleIndex, int iowaitIndex) {
        long[] before = previous;
        previous = ticks.clone();
        if (before == null || before.length != ticks.length) {
            return OptionalDouble.empty();
        }
        long total = 0;
        for (int i = 0; i < ticks.length; i++) {
            total += ticks[i] - before[i];
        }
        long idle = ticks[idleIndex] - before[idleIndex] + ticks[iowaitIndex] - before[iowaitIndex];
        return total > 0 ? OptionalDouble.of(HostReader.clampRatio(1.0 - (double) idle / total)) : OptionalDouble.empty();
    }
}

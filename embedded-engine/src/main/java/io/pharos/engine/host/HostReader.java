package io.pharos.engine.host;

import java.util.List;

/**
 * Reads this machine's metrics (docs/console.md lists them). On Linux from /proc and /sys directly
 * ({@link ProcHostReader}: no native library, a small footprint for the agent); elsewhere through
 * OSHI ({@link HostMetricsReader}). Both give the same series with the same labels.
 */
public interface HostReader {

    /** The value of the {@code host} label on every reading. */
    String hostName();

    /** Every metric once; rates and the CPU ratio from the second read on. */
    List<HostReading> read();

    /** The reader for this machine: /proc on Linux, OSHI elsewhere. */
    static HostReader forThisMachine() {
        return ProcHostReader.available() ? new ProcHostReader() : new HostMetricsReader();
    }

    /** A reading of {@code host}, labelled as every reading of this machine is. */
    static HostReading reading(String host, String metric, double value, String... deviceLabels) {
        String[] pairs = new String[4 + deviceLabels.length];
        pairs[0] = HostMetricNames.HOST_LABEL;
        pairs[1] = host;
        pairs[2] = io.pharos.engine.model.SeriesKey.SOURCE_LABEL;
        pairs[3] = HostMetricNames.LOCAL_SOURCE;
        System.arraycopy(deviceLabels, 0, pairs, 4, deviceLabels.length);
        return new HostReading(io.pharos.engine.model.SeriesKey.of(metric, pairs), value);
    }

    /** A ratio kept within 0..1 (counters read a moment apart can overshoot). */
    static double clampRatio(double ratio) {
        return Math.max(0.0, Math.min(1.0, ratio));
    }
}

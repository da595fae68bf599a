package io.pharos.views.region;

/**
 * One host's latest figures as read from the engine (NaN where it has no such series), crossing from
 * the reader's thread to the FX thread.
 *
 * @param lastSampleMs newest sample of any of its figures
 */
public record HostFigures(String host, String service, double cpu, double memory, double requestsPerSecond,
                          double errorsPerSecond, double latencyP99Seconds, long lastSampleMs) {
}

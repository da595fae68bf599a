package io.pharos.engine.ingest;

/**
 * A producer of samples: local host metrics, the reference fleet, later agents and Prometheus
 * servers. The engine starts it with a sink and stops it on shutdown.
 */
public interface Source {

    /** A short name shown to the user, e.g. "local host". */
    String name();

    /** True when this source produces simulated data (the console labels it so). */
    default boolean simulated() {
        return false;
    }

    /** Starts producing into the sink; returns at once, the source runs on its own thread. */
    void start(SampleSink sink);

    /** Stops producing and waits briefly for the source's thread to finish. */
    void stop();

    /** What the source is doing now, for the status bar. */
    SourceStatus status();
}

package io.pharos.views.status;

import io.pharos.engine.EngineStatus;

/** One line of the sources table, already formatted for display. */
public record SourceRow(String name, String kind, String state, String samples, String message) {

    static SourceRow of(EngineStatus.SourceInfo info) {
        return new SourceRow(info.name(), info.simulated() ? "simulated" : "real data",
                info.status().state().name().toLowerCase(java.util.Locale.ROOT),
                String.format("%,d", info.status().samplesProduced()), info.status().message());
    }
}

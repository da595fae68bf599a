package io.pharos.views.shell;

import io.pharos.engine.EngineStatus;
import io.pharos.engine.ingest.SourceStatus;
import java.util.Locale;

/**
 * One data source in the status bar: its name, whether it is simulated, its state and why.
 *
 * @param healthy whether its state is a good one (running, or recorded in a snapshot), for the dot's colour
 */
public record SourceState(String name, boolean simulated, String state, boolean healthy, String message) {

    static SourceState of(EngineStatus.SourceInfo info) {
        SourceStatus s = info.status();
        return new SourceState(info.name(), info.simulated(), s.state().name().toLowerCase(Locale.ROOT),
                s.state() == SourceStatus.State.RUNNING || s.state() == SourceStatus.State.RECORDED, s.message() == null ? "" : s.message());
    }
}

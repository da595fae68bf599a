package io.pharos.views.status;

import io.pharos.engine.EngineStatus;
import io.pharos.engine.query.TimeSeries;

/** What the status screen shows at one refresh: the engine's status and the charted series (may be null). */
record StatusSnapshot(EngineStatus engine, TimeSeries chart, String chartTitle) {
}

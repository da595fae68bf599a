package io.pharos.engine.store;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * How the engine writes and reads the JSON bodies of the state file's records and logs (alert
 * state, notifications, incidents): one configuration, so every record reads back the same way.
 * NaN is a legitimate value (an alert's value, a metric that could not be read); fields a newer
 * version added are ignored, so a data directory can go back one version without losing records.
 */
public final class StateJson {
    /** Thread-safe once built; never reconfigured. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .build();

    private StateJson() {
    }
}

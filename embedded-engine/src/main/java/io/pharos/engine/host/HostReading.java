package io.pharos.engine.host;

import io.pharos.engine.model.SeriesKey;
import java.util.Objects;

/** One value read from this machine, e.g. {@code node_load1{host="h1",source="local"} = 0.42}. */
public record HostReading(SeriesKey key, double value) {

    public HostReading {
        Objects.requireNonNull(key, "key");
    }
}

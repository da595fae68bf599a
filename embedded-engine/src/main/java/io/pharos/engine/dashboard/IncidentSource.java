package io.pharos.engine.dashboard;

import io.pharos.engine.incident.Incident;
import java.util.List;

/**
 * Where the dashboard reads incidents from: {@code incidentService::list} in the engine, a fixed list
 * in tests. {@link #NOT_TRACKED} when incidents are not kept: the incident figures then say so rather
 * than show zero.
 */
@FunctionalInterface
public interface IncidentSource {

    /** Every incident known, in any order. */
    List<Incident> incidents();

    /** Whether incidents are tracked at all; an empty list from a tracking source means "none". */
    default boolean tracked() {
        return true;
    }

    IncidentSource NOT_TRACKED = new IncidentSource() {
        @Override
        public List<Incident> incidents() {
            return List.of();
        }

        @Override
        public boolean tracked() {
            return false;
        }
    };
}

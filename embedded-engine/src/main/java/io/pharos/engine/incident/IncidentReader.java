package io.pharos.engine.incident;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * What the incident screens read: incidents, their timelines, the check of their hash chains and their
 * automated actions. {@link IncidentService} reads the state file it writes; a snapshot's incidents
 * are read the same way and cannot be changed ({@link IncidentService#reading}).
 */
public interface IncidentReader {
    /** Every incident, newest first. */
    List<Incident> list();

    Optional<Incident> get(String id);

    /** The incident, or NoSuchElementException naming the id. */
    default Incident require(String id) {
        return get(id).orElseThrow(() -> new NoSuchElementException("no incident " + id));
    }

    /** The incident's timeline, oldest first. */
    List<TimelineEntry> timeline(String id);

    /** Walks the incident's hash chain; see {@link ChainVerification}. */
    ChainVerification verify(String id);

    /** The incident's automated actions, in the order they were proposed. */
    List<ActionRecord> actions(String incidentId);
}

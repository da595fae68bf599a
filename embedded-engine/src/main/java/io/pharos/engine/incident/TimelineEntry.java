package io.pharos.engine.incident;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One entry of an incident's append-only timeline: what happened, who did it, when, in words and as
 * structured data (for an action, its expected effect and its before/after metrics).
 *
 * @param index position in the incident's timeline, from 0
 * @param data  structured detail, a JSON object (read-only by convention; empty when there is none)
 * @param prev  hash of the previous entry (64 zeros for the first)
 * @param hash  SHA-256 (hex) over {@code prev} followed by the entry's canonical JSON
 */
public record TimelineEntry(String incidentId, int index, TimelineKind kind, String actor, long atMs, String text,
                            JsonNode data, String prev, String hash) {
}

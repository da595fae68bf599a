package io.pharos.engine.incident;

/** A runbook (or any reference document) linked to an incident. */
public record RunbookLink(String title, String url, String addedBy, long addedAtMs) {
}

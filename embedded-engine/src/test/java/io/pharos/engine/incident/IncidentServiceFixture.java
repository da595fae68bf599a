package io.pharos.engine.incident;

import io.pharos.engine.store.StateStore;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** An incident service on a real state file in a temporary directory, with a clock the test moves. */
abstract class IncidentServiceFixture {
    @TempDir
    Path dir;
    StateStore store;
    final TestClock clock = new TestClock(Instant.parse("2026-03-05T14:00:00Z"));
    IncidentService incidents;

    @BeforeEach
    void openStateFile() {
        store = StateStore.open(dir);
        incidents = new IncidentService(store, clock, IncidentPolicy.defaults());
    }

    @AfterEach
    void closeStateFile() {
        store.close();
    }
}

package io.pharos.engine.incident;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock the test moves by hand. */
final class TestClock implements InstantSource {
    private volatile long ms;

    TestClock(Instant start) {
        this.ms = start.toEpochMilli();
    }

    void advance(Duration d) {
        ms += d.toMillis();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(ms);
    }

    @Override
    public long millis() {
        return ms;
    }
}

package io.pharos.engine.alerting.notify;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock the test moves by hand. */
final class MutableClock extends Clock {
    private final AtomicLong ms;

    MutableClock(long startMs) {
        this.ms = new AtomicLong(startMs);
    }

    void advance(long byMs) {
        ms.addAndGet(byMs);
    }

    @Override
    public long millis() {
        return ms.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(ms.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}

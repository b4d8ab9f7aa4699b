package dev.pushflow.afterapns;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The engine's clock, which tests, scenarios and the window can move forward, so that an expiration or the
 * background budget's hour can be reached without waiting. It runs with its base clock plus an offset that only
 * grows. Thread-safe.
 */
public final class SimulatedClock extends Clock {
    private final Clock base;
    private final AtomicReference<Duration> offset;

    public SimulatedClock(Clock base) {
        this(base, new AtomicReference<>(Duration.ZERO));
    }

    private SimulatedClock(Clock base, AtomicReference<Duration> offset) {
        this.base = base == null ? Clock.systemUTC() : base;
        this.offset = offset;
    }

    /** Moves the clock forward; returns the new now. */
    public Instant advance(Duration by) {
        if (by == null || by.isNegative()) {
            throw new IllegalArgumentException("the clock only goes forward: give a positive number of seconds, not "
                    + (by == null ? "nothing" : by.toSeconds()));
        }
        offset.accumulateAndGet(by, Duration::plus);
        return instant();
    }

    /** How far the clock has been moved ahead of its base. */
    public Duration offset() {
        return offset.get();
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new SimulatedClock(base.withZone(zone), offset);
    }

    @Override
    public Instant instant() {
        Duration d = offset.get();
        Instant now = base.instant();
        return d.isZero() ? now : now.plus(d);
    }

    @Override
    public long millis() {
        return instant().toEpochMilli();
    }
}

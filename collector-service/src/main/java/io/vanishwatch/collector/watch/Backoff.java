package io.vanishwatch.collector.watch;

import java.time.Duration;

/** Exponential backoff between reconnect attempts: doubles from the initial wait up to the maximum. */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private Duration next;

    public Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
        this.next = initial;
    }

    /** The wait before the next attempt; each call doubles the one after. */
    public Duration next() {
        Duration current = next;
        Duration doubled = current.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return current;
    }

    /** After a successful connection the next failure waits the initial time again. */
    public void reset() {
        next = initial;
    }
}

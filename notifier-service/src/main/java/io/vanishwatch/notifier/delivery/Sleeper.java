package io.vanishwatch.notifier.delivery;

import java.time.Duration;

/** Waits between attempts; injected so tests run without waiting and shutdown can interrupt a backoff. */
@FunctionalInterface
public interface Sleeper {

    Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}

package io.vanishwatch.collector.watch;

import java.time.Duration;

/** Waits between reconnect attempts; injected so that tests need not wait for real. */
@FunctionalInterface
public interface Pause {

    Pause REAL = duration -> Thread.sleep(duration.toMillis());

    void pause(Duration duration) throws InterruptedException;
}

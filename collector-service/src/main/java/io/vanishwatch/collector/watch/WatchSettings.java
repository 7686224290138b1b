package io.vanishwatch.collector.watch;

import java.time.Duration;

import io.vanishwatch.collector.config.CollectorSettings;

/** The timing every watcher shares. */
public record WatchSettings(Duration initialBackoff, Duration maxBackoff, Duration idleRefresh,
                            Duration resyncInterval) {

    public static WatchSettings of(CollectorSettings settings) {
        return new WatchSettings(settings.initialBackoff(), settings.maxBackoff(), settings.idleRefresh(),
                settings.resyncInterval());
    }

    /** The longest single IDLE: renewed before the RFC 2177 limit and often enough for the periodic resync. */
    public Duration longestIdle() {
        return idleRefresh.compareTo(resyncInterval) < 0 ? idleRefresh : resyncInterval;
    }
}

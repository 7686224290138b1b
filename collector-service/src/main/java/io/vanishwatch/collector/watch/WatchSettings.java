package io.vanishwatch.collector.watch;

import java.time.Duration;

import io.vanishwatch.collector.config.CollectorSettings;

/** The timing every account's watch shares. */
public record WatchSettings(Duration initialBackoff, Duration maxBackoff, Duration idleRefresh,
                            Duration resyncInterval, Duration folderPollInterval) {

    public static WatchSettings of(CollectorSettings settings) {
        return new WatchSettings(settings.initialBackoff(), settings.maxBackoff(), settings.idleRefresh(),
                settings.resyncInterval(), settings.folderPollInterval());
    }

    /** The longest single wait: renewed before the RFC 2177 limit and often enough for the periodic resync. */
    public Duration longestIdle() {
        return idleRefresh.compareTo(resyncInterval) < 0 ? idleRefresh : resyncInterval;
    }
}

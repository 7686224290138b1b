package io.vanishwatch.analyzer.views;

import java.time.Duration;

/**
 * The checked settings of the views: how long, in event time, an account's timeline and alert history are kept.
 */
public record ViewSettings(Duration timelineRetention) {

    public static final String TIMELINE_RETENTION_KEY = "vanishwatch.analyzer.timeline-retention";

    public ViewSettings {
        if (timelineRetention == null || timelineRetention.isZero() || timelineRetention.isNegative()) {
            throw new IllegalArgumentException("Invalid analyzer configuration: " + TIMELINE_RETENTION_KEY
                    + " must be a positive duration, was " + timelineRetention);
        }
    }

    /** The default: seven days. */
    public static ViewSettings defaults() {
        return new ViewSettings(Duration.ofDays(7));
    }

    /** @throws IllegalArgumentException naming the key and the reason */
    public static ViewSettings read(ViewsConfig config) {
        return new ViewSettings(config.timelineRetention());
    }
}

package io.vanishwatch.analyzer.views;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The keys of the views the REST API answers from, under {@code vanishwatch.analyzer} beside the pattern keys;
 * checked by {@link ViewSettings#read}.
 */
@ConfigMapping(prefix = "vanishwatch.analyzer")
public interface ViewsConfig {

    /** How long, in event time, an account's timeline and alert history are kept. */
    @WithDefault("7d")
    Duration timelineRetention();
}

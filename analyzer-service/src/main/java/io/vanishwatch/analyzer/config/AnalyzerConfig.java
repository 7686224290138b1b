package io.vanishwatch.analyzer.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The analyzer's settings under {@code vanishwatch.analyzer}; checked by {@link AnalyzerSettingsReader} at start.
 * Durations take Quarkus' forms ({@code 10s}, {@code 15m}, {@code PT10S}).
 */
@ConfigMapping(prefix = AnalyzerConfig.PREFIX)
public interface AnalyzerConfig {

    String PREFIX = "vanishwatch.analyzer";

    /** How long before or after a removal an arrival of the same message in another folder makes it a MOVE. */
    @WithDefault("10s")
    Duration correlationWindow();

    /**
     * How often the punctuators run: on stream time, deciding GONE removals without a verdict and ending quiet
     * episodes; on the wall clock, ending quiet episodes once the task has caught up.
     */
    @WithDefault("1s")
    Duration punctuateInterval();

    /** How long, in event time, an event id is remembered so that an event published again is dropped. */
    @WithDefault("7d")
    Duration dedupRetention();

    /**
     * The task counts as caught up with its input when its newest event is at most this old by the wall clock, or
     * its stream time has not moved for this long; only then does the wall clock end quiet episodes.
     */
    @WithDefault("5s")
    Duration caughtUpWithin();

    /** The quiet period of every pattern that sets none of its own; each pattern's window when unset. */
    Optional<Duration> quietPeriod();

    /** CLIENT_MOVES_TO_LOCAL: unread mail leaves INBOX soon after arrival and lands in no server folder. */
    PatternConfig clientFilter();

    /** MOVED_TO_JUNK: unread mail leaves INBOX soon after arrival for a Junk folder. */
    PatternConfig junkMove();

    /** MOVED_TO_FOLDER: unread mail leaves INBOX soon after arrival for another folder on the server (not Trash). */
    PatternConfig folderMove();

    /** The thresholds of one pattern. */
    interface PatternConfig {

        @WithDefault("3")
        int minCount();

        @WithDefault("10m")
        Duration maxDwell();

        @WithDefault("15m")
        Duration window();

        Optional<Duration> quietPeriod();
    }
}

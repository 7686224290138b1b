package io.vanishwatch.analyzer.rules;

import java.time.Duration;
import java.util.List;

/**
 * Everything the topology needs to know, as plain values already checked: the correlation window, how often the
 * punctuators run, how long event ids are remembered, when the task counts as caught up, and the pattern rules.
 *
 * @param dedupRetention  how long (in event time) an event id is remembered to drop a republished event
 * @param caughtUpWithin  the task counts as caught up when its newest event is at most this old by the wall clock, or
 *                        its stream time has not moved for this long; only then may the wall clock end quiet episodes
 */
public record AnalyzerSettings(Duration correlationWindow, Duration punctuateInterval, Duration dedupRetention,
                               Duration caughtUpWithin, List<PatternRule> patterns) {

    public AnalyzerSettings {
        patterns = List.copyOf(patterns);
    }

    /**
     * The defaults of the configuration: 10 s correlation, 1 s ticks, event ids kept 7 days, caught up within 5 s,
     * 3 within 10 min dwell in a 15 min window.
     */
    public static AnalyzerSettings defaults() {
        Duration window = Duration.ofMinutes(15);
        return new AnalyzerSettings(Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofDays(7),
                Duration.ofSeconds(5), List.of(
                PatternRule.clientMovesToLocal(3, Duration.ofMinutes(10), window, window),
                PatternRule.movedToJunk(3, Duration.ofMinutes(10), window, window),
                PatternRule.movedToFolder(3, Duration.ofMinutes(10), window, window)));
    }
}

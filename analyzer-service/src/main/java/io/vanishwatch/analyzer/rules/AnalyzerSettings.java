package io.vanishwatch.analyzer.rules;

import java.time.Duration;
import java.util.List;

/**
 * Everything the topology needs to know, as plain values already checked: the correlation window, how often the
 * wall-clock punctuators run, and the pattern rules.
 */
public record AnalyzerSettings(Duration correlationWindow, Duration punctuateInterval, List<PatternRule> patterns) {

    public AnalyzerSettings {
        patterns = List.copyOf(patterns);
    }

    /** The defaults of the configuration: 10 s correlation, 1 s ticks, 3 within 10 min dwell in a 15 min window. */
    public static AnalyzerSettings defaults() {
        Duration window = Duration.ofMinutes(15);
        return new AnalyzerSettings(Duration.ofSeconds(10), Duration.ofSeconds(1), List.of(
                PatternRule.clientMovesToLocal(3, Duration.ofMinutes(10), window, window),
                PatternRule.movedToJunk(3, Duration.ofMinutes(10), window, window),
                PatternRule.movedToFolder(3, Duration.ofMinutes(10), window, window)));
    }
}

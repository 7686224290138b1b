package io.vanishwatch.analyzer.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.vanishwatch.events.Alert;

/**
 * Everything the topology needs to know, as plain values already checked: the correlation window, how often the
 * punctuators run, how long event ids are remembered, when the task counts as caught up, and the pattern rules —
 * one per pattern, with per-account overrides.
 *
 * @param dedupRetention  how long (in event time) an event id is remembered to drop a republished event
 * @param caughtUpWithin  the task counts as caught up when its newest event is at most this old by the wall clock, or
 *                        its stream time has not moved for this long; only then may the wall clock end quiet episodes
 * @param patterns        one rule per pattern; a pattern left out gets its default rule
 * @param batchShape      what makes removals a download-and-delete device's batches
 * @param updateInterval  a growing alert is said again at most this often (unless its count doubles)
 * @param accountPatterns per account, the rules that differ from {@code patterns}
 * @param attribution     how disappearances are joined to the mail server's records of who removed them
 */
public record AnalyzerSettings(Duration correlationWindow, Duration punctuateInterval, Duration dedupRetention,
                               Duration caughtUpWithin, List<PatternRule> patterns, BatchShape batchShape,
                               Duration updateInterval, Map<String, List<PatternRule>> accountPatterns,
                               AttributionSettings attribution) {

    public AnalyzerSettings {
        patterns = complete(patterns);
        accountPatterns = Map.copyOf(accountPatterns);
        attribution = attribution == null ? AttributionSettings.defaults() : attribution;
    }

    /** The given settings with the default attribution. */
    public AnalyzerSettings(Duration correlationWindow, Duration punctuateInterval, Duration dedupRetention,
                            Duration caughtUpWithin, List<PatternRule> patterns, BatchShape batchShape,
                            Duration updateInterval, Map<String, List<PatternRule>> accountPatterns) {
        this(correlationWindow, punctuateInterval, dedupRetention, caughtUpWithin, patterns, batchShape, updateInterval,
                accountPatterns, AttributionSettings.defaults());
    }

    /** The same settings with another attribution. */
    public AnalyzerSettings withAttribution(AttributionSettings newAttribution) {
        return new AnalyzerSettings(correlationWindow, punctuateInterval, dedupRetention, caughtUpWithin, patterns,
                batchShape, updateInterval, accountPatterns, newAttribution);
    }

    /** The given rules (the others at their defaults), default batch shape and update interval, no overrides. */
    public AnalyzerSettings(Duration correlationWindow, Duration punctuateInterval, Duration dedupRetention,
                            Duration caughtUpWithin, List<PatternRule> patterns) {
        this(correlationWindow, punctuateInterval, dedupRetention, caughtUpWithin, patterns, BatchShape.DEFAULT,
                EpisodeTracker.DEFAULT_UPDATE_INTERVAL, Map.of());
    }

    /**
     * The defaults of the configuration: 10 s correlation, 1 s ticks, event ids kept 7 days, caught up within 5 s; the
     * unread patterns 3 within 10 min dwell in a 15 min window; mass removal 100 in 10 min; download-and-delete 3
     * regular batches within 2 h dwell in 3 h; a reset said for an hour; a watch blind for 2 min; 5 failed logins in
     * 10 min; a new device said for an hour.
     */
    public static AnalyzerSettings defaults() {
        return new AnalyzerSettings(Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofDays(7),
                Duration.ofSeconds(5), defaultRules());
    }

    /** The default rule of every pattern, in {@link Alert.Pattern} order. */
    public static List<PatternRule> defaultRules() {
        Duration tenMinutes = Duration.ofMinutes(10);
        Duration window = Duration.ofMinutes(15);
        return List.of(
                PatternRule.clientMovesToLocal(3, tenMinutes, window, window),
                PatternRule.movedToJunk(3, tenMinutes, window, window),
                PatternRule.movedToFolder(3, tenMinutes, window, window),
                PatternRule.deletedUnread(3, tenMinutes, window, window),
                PatternRule.downloadAndDelete(3, Duration.ofHours(2), Duration.ofHours(3), Duration.ofHours(3)),
                PatternRule.massRemoval(100, tenMinutes, tenMinutes),
                PatternRule.mailboxReset(Duration.ofHours(1)),
                PatternRule.watcherBlind(Duration.ofMinutes(2)),
                PatternRule.loginFailures(5, tenMinutes, tenMinutes),
                PatternRule.newDevice(Duration.ofHours(1)));
    }

    /** The rule of a pattern for an account: its override, else the global one. */
    public PatternRule rule(String account, Alert.Pattern pattern) {
        return Optional.ofNullable(accountPatterns.get(account))
                .flatMap(rules -> rules.stream().filter(rule -> rule.pattern() == pattern).findFirst())
                .orElseGet(() -> patterns.stream().filter(rule -> rule.pattern() == pattern).findFirst().orElseThrow());
    }

    private static List<PatternRule> complete(List<PatternRule> given) {
        Map<Alert.Pattern, PatternRule> byPattern = new EnumMap<>(Alert.Pattern.class);
        defaultRules().forEach(rule -> byPattern.put(rule.pattern(), rule));
        given.forEach(rule -> byPattern.put(rule.pattern(), rule));
        List<PatternRule> ordered = new ArrayList<>();
        for (PatternRule rule : given) {
            ordered.add(byPattern.remove(rule.pattern()));
        }
        ordered.removeIf(java.util.Objects::isNull);
        ordered.addAll(byPattern.values());
        return List.copyOf(ordered);
    }
}

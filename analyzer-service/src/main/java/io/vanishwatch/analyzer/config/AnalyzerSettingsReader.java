package io.vanishwatch.analyzer.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.vanishwatch.analyzer.rules.AnalyzerSettings;
import io.vanishwatch.analyzer.rules.PatternRule;
import io.vanishwatch.events.Alert;

/** Turns the configuration into checked {@link AnalyzerSettings}, or refuses it naming every bad key and why. */
public final class AnalyzerSettingsReader {

    private AnalyzerSettingsReader() {
    }

    /** @throws IllegalArgumentException naming each bad key and the reason */
    public static AnalyzerSettings read(AnalyzerConfig config) {
        List<String> problems = new ArrayList<>();
        positive(problems, "correlation-window", config.correlationWindow());
        positive(problems, "punctuate-interval", config.punctuateInterval());
        positive(problems, "dedup-retention", config.dedupRetention());
        positive(problems, "caught-up-within", config.caughtUpWithin());
        config.quietPeriod().ifPresent(quiet -> positive(problems, "quiet-period", quiet));
        check(problems, "client-filter", config.clientFilter());
        check(problems, "junk-move", config.junkMove());
        check(problems, "folder-move", config.folderMove());
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid analyzer configuration: " + String.join("; ", problems));
        }
        return new AnalyzerSettings(config.correlationWindow(), config.punctuateInterval(), config.dedupRetention(),
                config.caughtUpWithin(), List.of(
                rule(Alert.Pattern.CLIENT_MOVES_TO_LOCAL, config.clientFilter(), config.quietPeriod()),
                rule(Alert.Pattern.MOVED_TO_JUNK, config.junkMove(), config.quietPeriod()),
                rule(Alert.Pattern.MOVED_TO_FOLDER, config.folderMove(), config.quietPeriod())));
    }

    private static void check(List<String> problems, String group, AnalyzerConfig.PatternConfig pattern) {
        if (pattern.minCount() < 1) {
            problems.add(key(group + ".min-count") + " must be at least 1, was " + pattern.minCount());
        }
        positive(problems, group + ".max-dwell", pattern.maxDwell());
        positive(problems, group + ".window", pattern.window());
        pattern.quietPeriod().ifPresent(quiet -> positive(problems, group + ".quiet-period", quiet));
    }

    private static PatternRule rule(Alert.Pattern pattern, AnalyzerConfig.PatternConfig config,
                                    Optional<Duration> globalQuietPeriod) {
        Duration quiet = config.quietPeriod().or(() -> globalQuietPeriod).orElse(config.window());
        return new PatternRule(pattern, config.minCount(), config.maxDwell(), config.window(), quiet);
    }

    private static void positive(List<String> problems, String name, Duration value) {
        if (value.isZero() || value.isNegative()) {
            problems.add(key(name) + " must be a positive duration, was " + value);
        }
    }

    private static String key(String name) {
        return AnalyzerConfig.PREFIX + "." + name;
    }
}

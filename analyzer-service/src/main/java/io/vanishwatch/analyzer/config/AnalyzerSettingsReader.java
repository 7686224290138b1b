package io.vanishwatch.analyzer.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.vanishwatch.analyzer.rules.AnalyzerSettings;
import io.vanishwatch.analyzer.rules.AttributionSettings;
import io.vanishwatch.analyzer.rules.BatchShape;
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
        positive(problems, "update-interval", config.updateInterval());
        config.quietPeriod().ifPresent(quiet -> positive(problems, "quiet-period", quiet));
        positive(problems, "attribution.window", config.attribution().window());
        positive(problems, "attribution.wait", config.attribution().maxWait());
        positive(problems, "attribution.active-for", config.attribution().activeFor());
        positive(problems, "new-device.learning-period", config.newDevice().learningPeriod());
        positive(problems, "new-device.forget-after", config.newDevice().forgetAfter());
        List<PatternRule> global = rules(problems, "", config, Optional.empty());
        BatchShape shape = batchShape(problems, config.downloadAndDelete());
        Map<String, List<PatternRule>> perAccount = new LinkedHashMap<>();
        config.accounts().forEach((account, overrides) ->
                perAccount.put(account, rules(problems, "accounts." + account + ".", config, Optional.of(overrides))));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid analyzer configuration: " + String.join("; ", problems));
        }
        return new AnalyzerSettings(config.correlationWindow(), config.punctuateInterval(), config.dedupRetention(),
                config.caughtUpWithin(), global, shape, config.updateInterval(), perAccount,
                new AttributionSettings(config.attribution().window(), config.attribution().maxWait(),
                        config.attribution().activeFor(), config.newDevice().learningPeriod(),
                        config.newDevice().forgetAfter()));
    }

    /** Every pattern's rule, from the global keys and, for an account, its overrides; problems named under prefix. */
    private static List<PatternRule> rules(List<String> problems, String prefix, AnalyzerConfig config,
                                           Optional<AnalyzerConfig.AccountConfig> account) {
        Optional<Duration> globalQuiet = config.quietPeriod();
        List<PatternRule> rules = new ArrayList<>();
        rules.add(unread(problems, prefix + "client-filter", Alert.Pattern.CLIENT_MOVES_TO_LOCAL, config.clientFilter(),
                account.flatMap(AnalyzerConfig.AccountConfig::clientFilter), globalQuiet));
        rules.add(unread(problems, prefix + "junk-move", Alert.Pattern.MOVED_TO_JUNK, config.junkMove(),
                account.flatMap(AnalyzerConfig.AccountConfig::junkMove), globalQuiet));
        rules.add(unread(problems, prefix + "folder-move", Alert.Pattern.MOVED_TO_FOLDER, config.folderMove(),
                account.flatMap(AnalyzerConfig.AccountConfig::folderMove), globalQuiet));
        rules.add(unread(problems, prefix + "deleted-unread", Alert.Pattern.DELETED_UNREAD, config.deletedUnread(),
                account.flatMap(AnalyzerConfig.AccountConfig::deletedUnread), globalQuiet));

        AnalyzerConfig.DownloadAndDeleteConfig dd = config.downloadAndDelete();
        Optional<AnalyzerConfig.PatternOverride> ddOver = account.flatMap(AnalyzerConfig.AccountConfig::downloadAndDelete);
        int batches = pick(ddOver, AnalyzerConfig.PatternOverride::minCount, dd.minCount());
        Duration ddWindow = pick(ddOver, AnalyzerConfig.PatternOverride::window, dd.window());
        if (batches < 3) {
            problems.add(key(prefix + "download-and-delete.min-count") + " must be at least 3 (batches), was " + batches);
        }
        rules.add(rule(problems, prefix + "download-and-delete", Alert.Pattern.DOWNLOAD_AND_DELETE, batches,
                pick(ddOver, AnalyzerConfig.PatternOverride::maxDwell, dd.maxDwell()), ddWindow,
                quiet(ddOver, dd.quietPeriod(), globalQuiet, ddWindow)));

        AnalyzerConfig.MassRemovalConfig mass = config.massRemoval();
        Optional<AnalyzerConfig.PatternOverride> massOver = account.flatMap(AnalyzerConfig.AccountConfig::massRemoval);
        Duration massWindow = pick(massOver, AnalyzerConfig.PatternOverride::window, mass.window());
        rules.add(rule(problems, prefix + "mass-removal", Alert.Pattern.MASS_REMOVAL,
                pick(massOver, AnalyzerConfig.PatternOverride::minCount, mass.minCount()), null, massWindow,
                quiet(massOver, mass.quietPeriod(), globalQuiet, massWindow)));

        Duration resetQuiet = account.flatMap(AnalyzerConfig.AccountConfig::mailboxReset)
                .flatMap(AnalyzerConfig.PatternOverride::quietPeriod).orElse(config.mailboxReset().quietPeriod());
        positive(problems, prefix + "mailbox-reset.quiet-period", resetQuiet);
        Duration grace = account.flatMap(AnalyzerConfig.AccountConfig::watcherBlind)
                .flatMap(AnalyzerConfig.WatcherBlindOverride::grace).orElse(config.watcherBlind().grace());
        positive(problems, prefix + "watcher-blind.grace", grace);
        AnalyzerConfig.LoginFailuresConfig logins = config.loginFailures();
        Duration loginWindow = logins.window();
        PatternRule loginFailures = rule(problems, prefix + "login-failures", Alert.Pattern.LOGIN_FAILURES,
                logins.minCount(), loginWindow, loginWindow,
                quiet(Optional.empty(), logins.quietPeriod(), globalQuiet, loginWindow));
        positive(problems, prefix + "new-device.quiet-period", config.newDevice().quietPeriod());
        if (problems.isEmpty()) {
            rules.add(PatternRule.mailboxReset(resetQuiet));
            rules.add(PatternRule.watcherBlind(grace));
            rules.add(loginFailures);
            rules.add(PatternRule.newDevice(config.newDevice().quietPeriod()));
        }
        rules.removeIf(java.util.Objects::isNull);
        return rules;
    }

    private static PatternRule unread(List<String> problems, String group, Alert.Pattern pattern,
                                      AnalyzerConfig.PatternConfig global, Optional<AnalyzerConfig.PatternOverride> over,
                                      Optional<Duration> globalQuiet) {
        Duration window = pick(over, AnalyzerConfig.PatternOverride::window, global.window());
        return rule(problems, group, pattern, pick(over, AnalyzerConfig.PatternOverride::minCount, global.minCount()),
                pick(over, AnalyzerConfig.PatternOverride::maxDwell, global.maxDwell()), window,
                quiet(over, global.quietPeriod(), globalQuiet, window));
    }

    /** A checked rule, or null with the problems named; a null maxDwell means any age (mass removal). */
    private static PatternRule rule(List<String> problems, String group, Alert.Pattern pattern, int minCount,
                                    Duration maxDwell, Duration window, Duration quiet) {
        int before = problems.size();
        if (minCount < 1) {
            problems.add(key(group + ".min-count") + " must be at least 1, was " + minCount);
        }
        if (maxDwell != null) {
            positive(problems, group + ".max-dwell", maxDwell);
        }
        positive(problems, group + ".window", window);
        positive(problems, group + ".quiet-period", quiet);
        if (problems.size() > before) {
            return null;
        }
        return maxDwell == null
                ? PatternRule.massRemoval(minCount, window, quiet)
                : new PatternRule(pattern, minCount, maxDwell, window, quiet);
    }

    private static BatchShape batchShape(List<String> problems, AnalyzerConfig.DownloadAndDeleteConfig config) {
        int before = problems.size();
        positive(problems, "download-and-delete.batch-gap", config.batchGap());
        if (!(config.intervalTolerance() > 0 && config.intervalTolerance() < 1)) {
            problems.add(key("download-and-delete.interval-tolerance") + " must be between 0 and 1 (a share of the"
                    + " interval), was " + config.intervalTolerance());
        }
        if (!(config.minRemovedShare() > 0 && config.minRemovedShare() <= 1)) {
            problems.add(key("download-and-delete.min-removed-share") + " must be above 0 and at most 1, was "
                    + config.minRemovedShare());
        }
        return problems.size() > before ? null
                : new BatchShape(config.batchGap(), config.intervalTolerance(), config.minRemovedShare());
    }

    private static <T> T pick(Optional<AnalyzerConfig.PatternOverride> over,
                              Function<AnalyzerConfig.PatternOverride, Optional<T>> field, T global) {
        return over.flatMap(field).orElse(global);
    }

    /** The pattern's quiet period: its override, its own key, the global key, else its window. */
    private static Duration quiet(Optional<AnalyzerConfig.PatternOverride> over, Optional<Duration> own,
                                  Optional<Duration> global, Duration window) {
        return over.flatMap(AnalyzerConfig.PatternOverride::quietPeriod).or(() -> own).or(() -> global).orElse(window);
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

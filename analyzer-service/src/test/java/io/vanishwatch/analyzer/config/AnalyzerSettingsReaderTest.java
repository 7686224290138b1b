package io.vanishwatch.analyzer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vanishwatch.analyzer.rules.AnalyzerSettings;
import io.vanishwatch.analyzer.rules.PatternRule;
import io.vanishwatch.events.Alert;

class AnalyzerSettingsReaderTest {

    private static AnalyzerSettings read(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .addDiscoveredConverters()
                .withMapping(AnalyzerConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
        return AnalyzerSettingsReader.read(config.getConfigMapping(AnalyzerConfig.class));
    }

    @Test
    void withNothingSetTheDefaultsApply() {
        assertThat(read(Map.of())).isEqualTo(AnalyzerSettings.defaults());
        assertThat(AnalyzerSettings.defaults().dedupRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(AnalyzerSettings.defaults().caughtUpWithin()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void theAttributionAndLoginKeysAreReadAndABadOneIsNamed() {
        AnalyzerSettings settings = read(Map.of(
                "vanishwatch.analyzer.attribution.window", "90s",
                "vanishwatch.analyzer.attribution.wait", "5s",
                "vanishwatch.analyzer.attribution.active-for", "2h",
                "vanishwatch.analyzer.new-device.learning-period", "3d",
                "vanishwatch.analyzer.new-device.quiet-period", "2h",
                "vanishwatch.analyzer.login-failures.min-count", "3",
                "vanishwatch.analyzer.login-failures.window", "5m"));

        assertThat(settings.attribution()).isEqualTo(new io.vanishwatch.analyzer.rules.AttributionSettings(
                Duration.ofSeconds(90), Duration.ofSeconds(5), Duration.ofHours(2), Duration.ofDays(3), Duration.ofDays(30)));
        assertThat(settings.rule("any", Alert.Pattern.LOGIN_FAILURES))
                .isEqualTo(PatternRule.loginFailures(3, Duration.ofMinutes(5), Duration.ofMinutes(5)));
        assertThat(settings.rule("any", Alert.Pattern.NEW_DEVICE)).isEqualTo(PatternRule.newDevice(Duration.ofHours(2)));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> read(Map.of("vanishwatch.analyzer.attribution.wait", "0s")))
                .hasMessageContaining("vanishwatch.analyzer.attribution.wait must be a positive duration");
    }

    @Test
    void everyKeyIsReadWithQuarkusDurations() {
        AnalyzerSettings settings = read(Map.of(
                "vanishwatch.analyzer.correlation-window", "5s",
                "vanishwatch.analyzer.punctuate-interval", "PT0.5S",
                "vanishwatch.analyzer.dedup-retention", "2d",
                "vanishwatch.analyzer.caught-up-within", "3s",
                "vanishwatch.analyzer.client-filter.min-count", "4",
                "vanishwatch.analyzer.client-filter.max-dwell", "2m",
                "vanishwatch.analyzer.client-filter.window", "30m",
                "vanishwatch.analyzer.junk-move.min-count", "5",
                "vanishwatch.analyzer.junk-move.quiet-period", "1h",
                "vanishwatch.analyzer.folder-move.max-dwell", "30s"));

        assertThat(settings.correlationWindow()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.punctuateInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.dedupRetention()).isEqualTo(Duration.ofDays(2));
        assertThat(settings.caughtUpWithin()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.patterns().subList(0, 3)).containsExactly(
                new PatternRule(Alert.Pattern.CLIENT_MOVES_TO_LOCAL, 4, Duration.ofMinutes(2), Duration.ofMinutes(30),
                        Duration.ofMinutes(30)),
                new PatternRule(Alert.Pattern.MOVED_TO_JUNK, 5, Duration.ofMinutes(10), Duration.ofMinutes(15),
                        Duration.ofHours(1)),
                new PatternRule(Alert.Pattern.MOVED_TO_FOLDER, 3, Duration.ofSeconds(30), Duration.ofMinutes(15),
                        Duration.ofMinutes(15)));
    }

    @Test
    void theSharedQuietPeriodAppliesWherePatternsSetNone() {
        AnalyzerSettings settings = read(Map.of(
                "vanishwatch.analyzer.quiet-period", "20m",
                "vanishwatch.analyzer.client-filter.quiet-period", "5m"));

        assertThat(settings.patterns().subList(0, 3)).extracting(PatternRule::quietPeriod)
                .containsExactly(Duration.ofMinutes(5), Duration.ofMinutes(20), Duration.ofMinutes(20));
        assertThat(settings.rule("office", Alert.Pattern.MAILBOX_RESET).quietPeriod())
                .as("the reset has its own default").isEqualTo(Duration.ofHours(1));
    }

    @Test
    void theNewPatternsAndPerAccountOverridesAreRead() {
        AnalyzerSettings settings = read(Map.of(
                "vanishwatch.analyzer.mass-removal.min-count", "40",
                "vanishwatch.analyzer.mass-removal.window", "5m",
                "vanishwatch.analyzer.deleted-unread.min-count", "2",
                "vanishwatch.analyzer.download-and-delete.batch-gap", "30s",
                "vanishwatch.analyzer.download-and-delete.interval-tolerance", "0.1",
                "vanishwatch.analyzer.watcher-blind.grace", "30s",
                "vanishwatch.analyzer.update-interval", "1m",
                "vanishwatch.analyzer.accounts.office.mass-removal.min-count", "20",
                "vanishwatch.analyzer.accounts.office.watcher-blind.grace", "5s"));

        assertThat(settings.rule("shop", Alert.Pattern.MASS_REMOVAL).minCount()).isEqualTo(40);
        assertThat(settings.rule("office", Alert.Pattern.MASS_REMOVAL).minCount()).isEqualTo(20);
        assertThat(settings.rule("office", Alert.Pattern.MASS_REMOVAL).window()).as("not overridden: global")
                .isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.rule("office", Alert.Pattern.DELETED_UNREAD).minCount()).isEqualTo(2);
        assertThat(settings.rule("shop", Alert.Pattern.WATCHER_BLIND).grace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.rule("office", Alert.Pattern.WATCHER_BLIND).grace()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.batchShape().batchGap()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.batchShape().intervalTolerance()).isEqualTo(0.1);
        assertThat(settings.updateInterval()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void badValuesOfTheNewPatternsAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> read(Map.of(
                "vanishwatch.analyzer.download-and-delete.min-count", "2",
                "vanishwatch.analyzer.download-and-delete.interval-tolerance", "1.5",
                "vanishwatch.analyzer.accounts.office.mass-removal.min-count", "0",
                "vanishwatch.analyzer.watcher-blind.grace", "0s")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vanishwatch.analyzer.download-and-delete.min-count must be at least 3")
                .hasMessageContaining("vanishwatch.analyzer.download-and-delete.interval-tolerance must be between 0 and 1")
                .hasMessageContaining("vanishwatch.analyzer.accounts.office.mass-removal.min-count must be at least 1")
                .hasMessageContaining("vanishwatch.analyzer.watcher-blind.grace must be a positive duration");
    }

    @Test
    void badValuesAreRefusedNamingEachKeyAndTheReason() {
        assertThatThrownBy(() -> read(Map.of(
                "vanishwatch.analyzer.correlation-window", "0s",
                "vanishwatch.analyzer.client-filter.min-count", "0",
                "vanishwatch.analyzer.junk-move.window", "-5m",
                "vanishwatch.analyzer.dedup-retention", "0s",
                "vanishwatch.analyzer.caught-up-within", "-1s")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vanishwatch.analyzer.correlation-window must be a positive duration")
                .hasMessageContaining("vanishwatch.analyzer.client-filter.min-count must be at least 1, was 0")
                .hasMessageContaining("vanishwatch.analyzer.junk-move.window must be a positive duration")
                .hasMessageContaining("vanishwatch.analyzer.dedup-retention must be a positive duration, was PT0S")
                .hasMessageContaining("vanishwatch.analyzer.caught-up-within must be a positive duration, was PT-1S");
    }
}

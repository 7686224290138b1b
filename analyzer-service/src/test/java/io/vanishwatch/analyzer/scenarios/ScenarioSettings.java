package io.vanishwatch.analyzer.scenarios;

import java.util.LinkedHashMap;
import java.util.Map;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vanishwatch.analyzer.config.AnalyzerConfig;
import io.vanishwatch.analyzer.config.AnalyzerSettingsReader;
import io.vanishwatch.analyzer.rules.AnalyzerSettings;

/**
 * A scenario's settings: {@link AnalyzerSettings#defaults()}, or, where the scenario overrides keys, the settings the
 * service itself would read from those keys. The keys are the service's own configuration keys under
 * {@code vanishwatch.analyzer.} ({@code "mass-removal.min-count": 20}); {@code "accounts": {"office@…": {…}}} sets
 * one account's keys ({@code vanishwatch.analyzer.accounts."office@…".…}).
 */
final class ScenarioSettings {

    private ScenarioSettings() {
    }

    static AnalyzerSettings of(Map<String, Object> overrides) {
        if (overrides.isEmpty()) {
            return AnalyzerSettings.defaults();
        }
        Map<String, String> properties = new LinkedHashMap<>();
        overrides.forEach((key, value) -> {
            if (key.equals("accounts")) {
                if (!(value instanceof Map<?, ?> accounts)) {
                    throw new IllegalArgumentException("settings.accounts maps an account to its keys");
                }
                accounts.forEach((account, keys) -> {
                    if (!(keys instanceof Map<?, ?> accountKeys)) {
                        throw new IllegalArgumentException("settings.accounts." + account + " maps keys to values");
                    }
                    accountKeys.forEach((k, v) -> properties.put(
                            AnalyzerConfig.PREFIX + ".accounts.\"" + account + "\"." + k, String.valueOf(v)));
                });
            } else {
                properties.put(AnalyzerConfig.PREFIX + "." + key, String.valueOf(value));
            }
        });
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .addDiscoveredConverters()
                .withMapping(AnalyzerConfig.class)
                .withSources(new PropertiesConfigSource(properties, "scenario", 500))
                .build();
        return AnalyzerSettingsReader.read(config.getConfigMapping(AnalyzerConfig.class));
    }
}

package io.vanishwatch.notifier.silence;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The silences' keys under {@code vanishwatch.notifier.silences}. */
@ConfigMapping(prefix = "vanishwatch.notifier.silences")
public interface SilenceConfig {

    /** How long an expired silence stays listed before it is forgotten (tombstoned). */
    @WithDefault("5d")
    Duration retention();

    /** How often expired silences past the retention are looked for. */
    @WithDefault("1h")
    Duration retentionCheckInterval();

    /** How long a REST request waits for the broker to confirm a silence and for the book to read it back. */
    @WithDefault("10s")
    Duration writeTimeout();
}

package io.vanishwatch.collector.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * The collector's configuration as written, under {@code vanishwatch.collector}; {@link CollectorSettings} checks it
 * and turns it into what the watchers use.
 */
@ConfigMapping(prefix = CollectorConfig.PREFIX)
public interface CollectorConfig {

    String PREFIX = "vanishwatch.collector";

    /** The watched accounts by account id (the Kafka key of everything about them). */
    Map<String, Account> accounts();

    Reconnect reconnect();

    /** How long one IDLE may last before it is renewed (RFC 2177: well before 29 minutes). */
    @WithDefault("25m")
    Duration idleRefresh();

    /** How often a connected watch synchronises even without an IDLE wake-up (servers that push no flag changes). */
    @WithDefault("60s")
    Duration resyncInterval();

    /** Backoff between reconnect attempts. */
    interface Reconnect {
        @WithDefault("1s")
        Duration initialBackoff();

        @WithDefault("5m")
        Duration maxBackoff();
    }

    /** One account as written; everything optional here so that {@link CollectorSettings} can name what is wrong. */
    interface Account {
        Optional<String> host();

        OptionalInt port();

        Optional<String> security();

        @WithName("verify-certificates")
        Optional<Boolean> verifyCertificates();

        Optional<String> username();

        Optional<String> password();

        Optional<String> passwordEnv();

        Optional<String> passwordFile();

        Folders folders();
    }

    /** Folder names; Junk and Trash are discovered when not named. */
    interface Folders {
        Optional<String> inbox();

        Optional<String> junk();

        Optional<String> trash();
    }
}

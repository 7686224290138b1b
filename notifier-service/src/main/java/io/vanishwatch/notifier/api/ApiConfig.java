package io.vanishwatch.notifier.api;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** The REST API's keys under {@code vanishwatch.notifier.api}. */
@ConfigMapping(prefix = "vanishwatch.notifier.api")
public interface ApiConfig {

    /** The key of {@link #token()}, for messages that say what to set. */
    String TOKEN_KEY = "vanishwatch.notifier.api.token";

    /** The bearer token every request must carry; without one, every request is refused. */
    Optional<String> token();
}

package io.vanishwatch.analyzer.api;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The REST API's keys. The instance's own address is Kafka Streams' {@code application.server}
 * ({@code kafka-streams.application.server=host:port}, the host and HTTP port the other instances reach it on).
 */
@ConfigMapping(prefix = "vanishwatch.analyzer.api")
public interface ApiConfig {

    /** The key of {@link #token()}, for messages that say what to set. */
    String TOKEN_KEY = "vanishwatch.analyzer.api.token";

    /** The bearer token every request must carry; without one, every request is refused. */
    Optional<String> token();

    /** How long this instance waits for another one it forwards a question to. */
    @WithDefault("10s")
    Duration forwardTimeout();
}

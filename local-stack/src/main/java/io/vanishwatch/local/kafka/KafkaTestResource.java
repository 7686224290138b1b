package io.vanishwatch.local.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vanishwatch.kafka.embedded.EmbeddedKafka;

/**
 * Gives every {@code @QuarkusTest} of one JVM the same real embedded broker with the Vanishwatch topics, and each
 * Quarkus start a fresh Kafka Streams state directory.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedKafka kafka;

    /** The broker of this test JVM, started on first use and stopped when the JVM exits. */
    public static synchronized EmbeddedKafka kafka() {
        if (kafka == null) {
            kafka = EmbeddedKafka.start().createVanishwatchTopics();
            EmbeddedKafka started = kafka;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "embedded-kafka-shutdown"));
        }
        return kafka;
    }

    @Override
    public Map<String, String> start() {
        String bootstrap = kafka().bootstrapServers();
        try {
            return Map.of(
                    "kafka.bootstrap.servers", bootstrap,
                    "quarkus.kafka-streams.bootstrap-servers", bootstrap,
                    "kafka-streams.state.dir", Files.createTempDirectory("vanishwatch-streams-").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // the broker is shared by every test of this JVM and stops with it
    }
}

package io.vanishwatch.collector.serverlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vanishwatch.collector.config.CollectorConfig;
import io.vanishwatch.collector.publish.KafkaEventPublisher;
import io.vanishwatch.events.ServerLogEvent;
import io.vanishwatch.local.kafka.KafkaTestResource;

/**
 * The follower against the real embedded broker: stopped after publishing a log, it resumes — even after the log was
 * rotated meanwhile — exactly where its committed position says, and no line is published twice.
 */
class ServerLogFollowerRestartTest {

    @TempDir
    Path dir;

    private static byte[] fixture() throws IOException {
        try (InputStream in = ServerLogFollowerRestartTest.class.getResourceAsStream("/serverlog/dovecot-2.3.19.log")) {
            return in.readAllBytes();
        }
    }

    private ServerLogFollower follower(Path log, String account, String id) {
        String bootstrap = KafkaTestResource.kafka().bootstrapServers();
        Map<String, String> properties = new HashMap<>();
        properties.put("vanishwatch.collector.server-log.path", log.toString());
        properties.put("vanishwatch.collector.server-log.users.alice", account);
        properties.put("vanishwatch.collector.server-log.start-at", "beginning");
        properties.put("vanishwatch.collector.server-log.poll-interval", "50ms");
        properties.put("vanishwatch.collector.server-log.time-zone", "UTC");
        properties.put("vanishwatch.collector.transactional-id", "server-log-test-" + id);
        properties.put("vanishwatch.collector.checkpoint-topic", "server-log-test-checkpoints-" + id);
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(CollectorConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build();
        ServerLogFollower follower = new ServerLogFollower();
        follower.config = config.getConfigMapping(CollectorConfig.class);
        follower.registry = new SimpleMeterRegistry();
        follower.bootstrapServers = bootstrap;
        follower.publisher = new KafkaEventPublisher(bootstrap, follower.config, follower.registry);
        follower.start(null);
        return follower;
    }

    @Test
    void shouldResumeAfterARestartAndARotationWithoutPublishingALineTwice() throws IOException {
        String id = UUID.randomUUID().toString();
        String account = "restart-" + id;
        Path log = dir.resolve("dovecot.log");
        Files.write(log, fixture());
        try (ServerLogTopic topic = new ServerLogTopic(KafkaTestResource.kafka().bootstrapServers(), account)) {
            ServerLogFollower first = follower(log, account, id);
            await().atMost(Duration.ofSeconds(60)).until(() -> topic.all().size() >= 20);
            first.stop(null);

            // while it is down: more lines, then the log is rotated and the server writes a new one
            Files.write(log, fixture(), StandardOpenOption.APPEND);
            Files.move(log, dir.resolve("dovecot.log.1"));
            Files.write(log, fixture());
            ServerLogFollower second = follower(log, account, id);
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> topic.all().size() >= 60);
                await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                        .until(() -> topic.all().size() == 60);
            } finally {
                second.stop(null);
            }

            List<ServerLogEvent> events = topic.all();
            assertThat(events).hasSize(60);
            assertThat(events).extracting(ServerLogEvent::eventId).doesNotHaveDuplicates();
            assertThat(events.subList(0, 20)).extracting(ServerLogEvent::action)
                    .containsExactlyElementsOf(events.subList(20, 40).stream().map(ServerLogEvent::action).toList())
                    .containsExactlyElementsOf(events.subList(40, 60).stream().map(ServerLogEvent::action).toList());
        }
    }
}

package io.vanishwatch.notifier.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.net.URI;

import com.fasterxml.jackson.databind.JsonNode;
import io.vanishwatch.events.Alert;
import io.vanishwatch.events.JsonSerde;
import io.vanishwatch.events.Topics;
import io.vanishwatch.local.kafka.EmbeddedKafka;
import io.vanishwatch.notifier.KafkaClients;
import io.vanishwatch.notifier.SampleAlerts;
import io.vanishwatch.notifier.WebhookWitness;
import io.vanishwatch.notifier.content.AlertText;
import io.vanishwatch.notifier.delivery.RetryPolicy;
import io.vanishwatch.notifier.delivery.RetryingDelivery;
import io.vanishwatch.notifier.delivery.Sleeper;
import io.vanishwatch.notifier.delivery.webhook.WebhookChannel;
import io.vanishwatch.notifier.delivery.webhook.WebhookSettings;
import io.vanishwatch.notifier.log.KafkaNotificationWriter;
import io.vanishwatch.notifier.log.NotificationLog;
import io.vanishwatch.notifier.log.NotificationLogRestore;
import io.vanishwatch.notifier.pipeline.NotificationPipeline;
import io.vanishwatch.notifier.routing.Router;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A notifier stopped and started again on a real broker (its own, so no other notifier in this JVM writes to its
 * log) neither repeats what it sent before nor drops what arrived while it was down.
 */
class NotifierRestartTest {

    private static final Duration DELIVERY = Duration.ofSeconds(60);
    private static EmbeddedKafka kafka;

    private final WebhookWitness witness = new WebhookWitness();

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start().createVanishwatchTopics();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void aRestartedNotifierNeitherRepeatsNorDropsNotifications() throws Exception {
        Alert firing = SampleAlerts.clientMovesToLocal("office@demo.example", 3);
        Alert updated = SampleAlerts.updated(firing, 6);
        Alert whileDown = SampleAlerts.clientMovesToLocal("shop@demo.example", 1);
        Alert updatedWhileDown = SampleAlerts.updated(firing, 12);

        // given a notifier that delivered the firing alert and its first update, then stopped
        Running first = start();
        KafkaClients.produceAlert(kafka.bootstrapServers(), firing);
        KafkaClients.produceAlert(kafka.bootstrapServers(), updated);
        await().atMost(DELIVERY).until(() -> posts(firing).size() == 1 && posts(updated).size() == 1);
        first.stop();

        // when alerts arrive while it is down (a new one, a further update), it starts again with a fresh memory,
        // and the analyzer re-emits the first alert's episode (FIRING with a higher count, the first update) and
        // then resolves it
        KafkaClients.produceAlert(kafka.bootstrapServers(), whileDown);
        KafkaClients.produceAlert(kafka.bootstrapServers(), updatedWhileDown);
        Running second = start();
        try {
            KafkaClients.produceAlert(kafka.bootstrapServers(), SampleAlerts.clientMovesToLocal("office@demo.example", 5));
            KafkaClients.produceAlert(kafka.bootstrapServers(), updated);
            Alert resolved = SampleAlerts.resolved(updatedWhileDown);
            KafkaClients.produceAlert(kafka.bootstrapServers(), resolved);

            // then what arrived while it was down is delivered, the resolution too, the re-emits are not
            await().atMost(DELIVERY).until(() -> posts(whileDown).size() == 1 && posts(updatedWhileDown).size() == 1
                    && posts(resolved).size() == 1);
            assertThat(posts(firing)).hasSize(1);
            assertThat(posts(updated)).hasSize(1);
            assertThat(second.loop.state().restoredEntries()).isGreaterThanOrEqualTo(2);
        } finally {
            second.stop();
            witness.close();
        }
    }

    private List<WebhookWitness.Post> posts(Alert alert) {
        return witness.posts().stream().filter(post -> {
            try {
                JsonNode json = JsonSerde.MAPPER.readTree(post.body()).get("alert");
                return alert.notificationKey().equals(JsonSerde.MAPPER.treeToValue(json, Alert.class).notificationKey());
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    /** One notifier run: the same wiring as the service, with only the webhook channel. */
    private record Running(AlertConsumerLoop loop, Thread thread) {

        void stop() throws InterruptedException {
            loop.stop();
            thread.join(Duration.ofSeconds(30).toMillis());
            assertThat(thread.isAlive()).isFalse();
        }
    }

    private Running start() {
        String bootstrap = kafka.bootstrapServers();
        AlertText text = new AlertText(ZoneId.of("UTC"));
        NotificationLog log = new NotificationLog(new KafkaNotificationWriter(new KafkaProducer<>(
                Map.of("bootstrap.servers", bootstrap, "acks", "all"),
                Topics.NOTIFICATIONS.keySerde().serializer(), Topics.NOTIFICATIONS.valueSerde().serializer())));
        WebhookChannel webhook = new WebhookChannel(new WebhookSettings(URI.create(witness.url()), Optional.empty(),
                Optional.empty(), Duration.ofSeconds(5)), text, Clock.systemUTC());
        NotificationPipeline pipeline = new NotificationPipeline(new Router(List.of(webhook)), log,
                new RetryingDelivery(new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(200)), Sleeper.THREAD),
                text, Clock.systemUTC(), notification -> { });
        Map<String, Object> consumer = new HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
        Map<String, Object> logReader = new HashMap<>(consumer);
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, "vanishwatch-notifier");
        AlertConsumerLoop loop = new AlertConsumerLoop(
                new KafkaConsumer<>(consumer, new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap), new ByteArraySerializer(), new ByteArraySerializer()),
                new NotificationLogRestore(new KafkaConsumer<>(logReader, new ByteArrayDeserializer(),
                        new ByteArrayDeserializer()), log, Duration.ofSeconds(30)),
                pipeline, Sleeper.THREAD, Duration.ofMillis(200));
        Thread thread = new Thread(loop, "alert-consumer-test");
        thread.start();
        return new Running(loop, thread);
    }
}

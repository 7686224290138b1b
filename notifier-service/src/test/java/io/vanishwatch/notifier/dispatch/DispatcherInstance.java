package io.vanishwatch.notifier.dispatch;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

import io.vanishwatch.notifier.delivery.Notice;
import io.vanishwatch.notifier.delivery.RetryPolicy;
import io.vanishwatch.notifier.delivery.webhook.WebhookChannel;
import io.vanishwatch.notifier.delivery.webhook.WebhookSettings;
import io.vanishwatch.notifier.routing.Customers;
import io.vanishwatch.notifier.routing.Grouping;
import io.vanishwatch.notifier.routing.Receiver;
import io.vanishwatch.notifier.routing.RouteTree;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * One notifier instance as deployed — the real topology, exactly-once, a webhook channel — outside Quarkus, so a test
 * can run two of them side by side, or one in its own JVM that it kills with SIGKILL ({@link #main}).
 */
final class DispatcherInstance implements AutoCloseable {

    private final KafkaStreams streams;

    DispatcherInstance(String bootstrap, String applicationId, Path stateDir, String webhookUrl) {
        WebhookChannel webhook = new WebhookChannel(new WebhookSettings(URI.create(webhookUrl), Optional.empty(),
                Optional.empty(), Duration.ofSeconds(10)), Clock.systemUTC());
        Receiver receiver = new Receiver(Receiver.DEFAULT, List.of(webhook), Notice.Presentation.DEFAULT, true);
        DeliveryPolicy policy = new DeliveryPolicy(new RetryPolicy(Integer.MAX_VALUE, Duration.ofMillis(200),
                Duration.ofSeconds(2)), Duration.ofHours(1));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6000);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 1000);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), 30000);
        streams = new KafkaStreams(NotifierTopology.build(RouteTree.single(Receiver.DEFAULT, Grouping.DEFAULT),
                Map.of(Receiver.DEFAULT, receiver), Customers.NONE, SilenceCheck.NONE,
                new NotifierTopology.Settings(policy, Duration.ofMillis(100), Duration.ofSeconds(1),
                        Duration.ofSeconds(5)),
                DeliveryListener.NONE), props);
        streams.start();
    }

    KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
    }

    /** {@code bootstrap applicationId stateDir webhookUrl}: runs until killed. */
    public static void main(String[] args) throws InterruptedException {
        DispatcherInstance instance = new DispatcherInstance(args[0], args[1], Path.of(args[2]), args[3]);
        System.out.println("dispatcher started");
        Runtime.getRuntime().addShutdownHook(new Thread(instance::close));
        new CountDownLatch(1).await();
    }
}

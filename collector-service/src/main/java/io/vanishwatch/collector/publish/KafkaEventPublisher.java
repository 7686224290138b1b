package io.vanishwatch.collector.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.Topic;
import io.vanishwatch.events.Topics;

/**
 * Publishes mailbox events to {@link Topics#MAILBOX_EVENTS}, keyed by account id, with the observation time as the
 * record timestamp, through an idempotent producer that waits for every in-sync replica.
 */
@ApplicationScoped
public class KafkaEventPublisher implements EventPublisher {

    private static final Logger LOG = Logger.getLogger(KafkaEventPublisher.class);
    private static final Topic<String, MailboxEvent> TOPIC = Topics.MAILBOX_EVENTS;
    private static final Duration SEND_TIMEOUT = Duration.ofMinutes(2);

    private final Producer<String, MailboxEvent> producer;
    private final MeterRegistry registry;
    private volatile String lastFailure;
    private volatile CompletableFuture<Integer> metadataCheck;

    @Inject
    public KafkaEventPublisher(@ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
                               String bootstrapServers, MeterRegistry registry) {
        this(new KafkaProducer<>(producerConfig(bootstrapServers), TOPIC.keySerde().serializer(),
                TOPIC.valueSerde().serializer()), registry);
    }

    KafkaEventPublisher(Producer<String, MailboxEvent> producer, MeterRegistry registry) {
        this.producer = producer;
        this.registry = registry;
    }

    static Properties producerConfig(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "vanishwatch-collector");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(SEND_TIMEOUT.toMillis()));
        return config;
    }

    @Override
    public void publish(List<MailboxEvent> events) throws PublishException {
        if (events.isEmpty()) {
            return;
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>(events.size());
        try {
            for (MailboxEvent event : events) {
                sent.add(producer.send(new ProducerRecord<>(TOPIC.name(), null, event.observedAt().toEpochMilli(),
                        event.account(), event)));
            }
            for (Future<RecordMetadata> result : sent) {
                result.get(SEND_TIMEOUT.toMillis() + 10_000, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(events, e);
        } catch (ExecutionException e) {
            throw failed(events, e.getCause());
        } catch (TimeoutException | RuntimeException e) {
            throw failed(events, e);
        }
        lastFailure = null;
        for (MailboxEvent event : events) {
            LOG.info(EventLogLine.of(event));
            registry.counter("vanishwatch.collector.events.published", "type", event.type().name()).increment();
        }
    }

    private PublishException failed(List<MailboxEvent> events, Throwable cause) {
        String reason = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        lastFailure = reason;
        registry.counter("vanishwatch.collector.publish.failures").increment();
        return new PublishException("cannot publish " + events.size() + " events to " + TOPIC.name() + " ("
                + reason + ")", cause);
    }

    /**
     * Whether the producer can publish: the topic's metadata is known within {@code wait}, and the last publish did
     * not fail. Empty when it can; otherwise the reason.
     */
    public Optional<String> problem(Duration wait) {
        CompletableFuture<Integer> check = metadataCheck;
        if (check == null || check.isDone()) {
            check = CompletableFuture.supplyAsync(() -> producer.partitionsFor(TOPIC.name()).size());
            metadataCheck = check;
        }
        try {
            int partitions = check.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (partitions == 0) {
                return Optional.of("topic " + TOPIC.name() + " has no partitions");
            }
        } catch (TimeoutException e) {
            return Optional.of("no metadata for " + TOPIC.name() + " within " + wait.toMillis() + " ms");
        } catch (ExecutionException e) {
            return Optional.of("no metadata for " + TOPIC.name() + ": " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
        String failure = lastFailure;
        return failure == null ? Optional.empty() : Optional.of("last publish failed: " + failure);
    }

    public String topic() {
        return TOPIC.name();
    }

    /** Sends what is buffered and closes the producer; runs after the watchers have stopped. */
    @PreDestroy
    void close() {
        try {
            producer.flush();
        } finally {
            producer.close(Duration.ofSeconds(10));
        }
    }
}

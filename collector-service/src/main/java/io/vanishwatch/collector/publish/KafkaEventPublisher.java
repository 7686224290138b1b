package io.vanishwatch.collector.publish;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.vanishwatch.collector.checkpoint.CheckpointRecord;
import io.vanishwatch.collector.checkpoint.LogPositionKey;
import io.vanishwatch.collector.serverlog.LogPosition;
import io.vanishwatch.collector.config.CollectorConfig;
import io.vanishwatch.events.JsonSerde;
import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.ServerLogEvent;
import io.vanishwatch.events.Topics;

/**
 * Publishes mailbox events to {@link Topics#MAILBOX_EVENTS} (keyed by account id, the observation time as the record
 * timestamp) together with the checkpoint changes they imply, in one Kafka transaction: a collector killed halfway
 * leaves neither, so its successor finds exactly those changes again. One sender thread commits what every watcher
 * handed in meanwhile in one transaction (group commit), so many accounts do not wait for each other's commits.
 */
@ApplicationScoped
public class KafkaEventPublisher implements EventPublisher {

    private static final Logger LOG = Logger.getLogger(KafkaEventPublisher.class);
    private static final Duration SEND_TIMEOUT = Duration.ofMinutes(2);

    private final String bootstrapServers;
    private final String configuredTransactionalId;
    private volatile String transactionalId;
    private volatile Duration transactionTimeout = Duration.ofMinutes(1);
    private volatile Supplier<Optional<GroupPosition>> groupPosition = Optional::empty;
    private final String checkpointTopic;
    private final MeterRegistry registry;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private volatile Producer<byte[], byte[]> producer;
    private volatile Thread sender;
    private volatile String lastFailure;
    private volatile String fenced;
    private volatile boolean stopping;
    private volatile CompletableFuture<Integer> metadataCheck;

    /** A mailbox publication or a server-log publication, and the caller's answer. */
    private record Pending(Publication publication, ServerLogPublication serverLog, CompletableFuture<Void> done) {

        /** A marker that asks only to be answered once everything before it is done. */
        boolean isFlush() {
            return publication == null && serverLog == null;
        }
    }

    @Inject
    public KafkaEventPublisher(@ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
                               String bootstrapServers, CollectorConfig config, MeterRegistry registry) {
        this.bootstrapServers = bootstrapServers;
        this.configuredTransactionalId = config.transactionalId().trim();
        this.transactionalId = configuredTransactionalId;
        this.checkpointTopic = config.checkpointTopic().trim();
        this.registry = registry;
    }

    static Properties producerConfig(String bootstrapServers, String transactionalId, Duration transactionTimeout) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "vanishwatch-collector");
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(SEND_TIMEOUT.toMillis()));
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Long.toString(transactionTimeout.toMillis()));
        return config;
    }

    /**
     * Registers the collector's transactional id with the broker, which aborts whatever a dead predecessor with the
     * same id left open, and starts the sender. Blocks until the broker answers; throws when it does not.
     */
    public synchronized void start() {
        if (sender != null) {
            return;
        }
        startSender();
    }

    /**
     * Starts as a member of a group of collectors: with its own transactional id ({@code transactional-id} and the
     * instance's name), transactions that time out as quickly as a silent member loses its accounts (so that the
     * member taking them over does not wait long for an open transaction of a dead one), and every transaction
     * committed with the member's {@code position} in the group, which the broker refuses once the member's accounts
     * went to another.
     */
    public synchronized void start(String instanceId, Duration transactionTimeout,
                                   Supplier<Optional<GroupPosition>> position) {
        if (sender != null) {
            return;
        }
        this.transactionalId = configuredTransactionalId + "-" + instanceId;
        this.transactionTimeout = transactionTimeout;
        this.groupPosition = position;
        startSender();
    }

    private void startSender() {
        producer = newProducer();
        Thread thread = new Thread(this::send, "kafka-publisher");
        thread.setDaemon(true);
        sender = thread;
        thread.start();
        LOG.infof("publishing to %s with checkpoints in %s (transactional id %s)", Topics.MAILBOX_EVENTS.name(),
                checkpointTopic, transactionalId);
    }

    private Producer<byte[], byte[]> newProducer() {
        KafkaProducer<byte[], byte[]> created = new KafkaProducer<>(
                producerConfig(bootstrapServers, transactionalId, transactionTimeout),
                new ByteArraySerializer(), new ByteArraySerializer());
        try {
            created.initTransactions();
            return created;
        } catch (RuntimeException e) {
            created.close(Duration.ZERO);
            throw e;
        }
    }

    @Override
    public void publish(Publication publication) throws PublishException {
        if (publication.isEmpty()) {
            return;
        }
        if (fenced != null) {
            throw failed(publication, new IllegalStateException(fenced));
        }
        if (sender == null) {
            throw failed(publication, new IllegalStateException("the publisher has not started yet"));
        }
        Pending pending = new Pending(publication, null, new CompletableFuture<>());
        await(pending, publication.events().size(), publication.checkpoints().size());
        for (MailboxEvent event : publication.events()) {
            LOG.info(EventLogLine.of(event));
            registry.counter("vanishwatch.collector.events.published", "type", event.type().name(), "detected_by",
                    event.detectedBy() == null ? "none" : event.detectedBy().name()).increment();
        }
    }

    /**
     * Publishes the server-log events to {@link Topics#SERVER_LOG} (keyed by account, the logged time as the record
     * timestamp) and the follower's position to the checkpoint topic, in one transaction.
     */
    public void publish(ServerLogPublication publication) throws PublishException {
        if (publication.isEmpty()) {
            return;
        }
        int checkpoints = publication.position() == null ? 0 : 1;
        if (fenced != null) {
            throw failed(publication.events().size(), checkpoints, new IllegalStateException(fenced));
        }
        if (sender == null) {
            throw failed(publication.events().size(), checkpoints,
                    new IllegalStateException("the publisher has not started yet"));
        }
        await(new Pending(null, publication, new CompletableFuture<>()), publication.events().size(), checkpoints);
        for (ServerLogEvent event : publication.events()) {
            registry.counter("vanishwatch.collector.server_log.events.published", "action", event.action().name())
                    .increment();
        }
    }

    private void await(Pending pending, int events, int checkpoints) throws PublishException {
        queue.add(pending);
        try {
            pending.done().get(SEND_TIMEOUT.toMillis() + 10_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(events, checkpoints, e);
        } catch (ExecutionException e) {
            throw failed(events, checkpoints, e.getCause());
        } catch (TimeoutException e) {
            throw failed(events, checkpoints, e);
        }
        lastFailure = null;
    }

    /** The sender thread: takes everything waiting, writes it in one transaction, commits, and answers each caller. */
    private void send() {
        while (!stopping) {
            List<Pending> batch = new ArrayList<>();
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(batch);
            commit(batch);
        }
        queue.forEach(p -> p.done().completeExceptionally(new IllegalStateException("the collector is stopping")));
    }

    /**
     * Returns once everything handed in before has been committed or has failed: a watch that stopped has then left
     * nothing in flight, and its account can be handed to another collector.
     */
    public void flush() throws PublishException {
        if (sender == null || fenced != null) {
            return;
        }
        await(new Pending(null, null, new CompletableFuture<>()), 0, 0);
    }

    private void commit(List<Pending> batch) {
        if (batch.stream().allMatch(Pending::isFlush)) {
            batch.forEach(pending -> pending.done().complete(null));
            return;
        }
        try {
            if (producer == null) {
                producer = newProducer();
            }
            producer.beginTransaction();
            for (Pending pending : batch) {
                if (pending.isFlush()) {
                    continue;
                }
                if (pending.serverLog() != null) {
                    sendServerLog(pending.serverLog());
                    continue;
                }
                for (MailboxEvent event : pending.publication().events()) {
                    producer.send(eventRecord(event));
                }
                for (CheckpointRecord checkpoint : pending.publication().checkpoints()) {
                    producer.send(checkpointRecord(pending.publication().account(), checkpoint));
                }
            }
            Optional<GroupPosition> position = groupPosition.get();
            if (position.isPresent() && !position.get().offsets().isEmpty()) {
                producer.sendOffsetsToTransaction(position.get().offsets(), position.get().metadata());
            }
            producer.commitTransaction();
            batch.forEach(pending -> pending.done().complete(null));
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException e) {
            fenced = "another collector with transactional id " + transactionalId + " took over, or the broker refused"
                    + " this one (" + e.getClass().getSimpleName() + "): give each collector its own"
                    + " vanishwatch.collector.transactional-id";
            LOG.error(fenced);
            discardProducer();
            batch.forEach(pending -> pending.done().completeExceptionally(e));
        } catch (CommitFailedException e) {
            LOG.infof("a transaction was refused: this collector's share of the accounts changed meanwhile (%s); the"
                    + " watches still holding their accounts resync", e.getMessage());
            abortQuietly();
            batch.forEach(pending -> pending.done().completeExceptionally(e));
        } catch (KafkaException | IllegalStateException e) {
            abortQuietly();
            batch.forEach(pending -> pending.done().completeExceptionally(e));
        }
    }

    private ProducerRecord<byte[], byte[]> eventRecord(MailboxEvent event) {
        byte[] value = Topics.MAILBOX_EVENTS.valueSerde().serializer().serialize(Topics.MAILBOX_EVENTS.name(), event);
        return new ProducerRecord<>(Topics.MAILBOX_EVENTS.name(), null, event.observedAt().toEpochMilli(),
                event.account().getBytes(StandardCharsets.UTF_8), value);
    }

    private void sendServerLog(ServerLogPublication publication) {
        for (ServerLogEvent event : publication.events()) {
            byte[] value = Topics.SERVER_LOG.valueSerde().serializer().serialize(Topics.SERVER_LOG.name(), event);
            producer.send(new ProducerRecord<>(Topics.SERVER_LOG.name(), null, event.at().toEpochMilli(),
                    event.account().getBytes(StandardCharsets.UTF_8), value));
        }
        LogPosition position = publication.position();
        if (position != null) {
            byte[] key = json(new LogPositionKey(position.path()));
            int partitions = producer.partitionsFor(checkpointTopic).size();
            producer.send(new ProducerRecord<>(checkpointTopic, Utils.toPositive(Utils.murmur2(key)) % partitions, key,
                    json(position)));
        }
    }

    private ProducerRecord<byte[], byte[]> checkpointRecord(String account, CheckpointRecord checkpoint) {
        return new ProducerRecord<>(checkpointTopic, partitionOf(account), json(checkpoint.key()),
                checkpoint.value() == null ? null : json(checkpoint.value()));
    }

    /** Checkpoints are keyed per message but partitioned by account, like everything else about the account. */
    private int partitionOf(String account) {
        int partitions = producer.partitionsFor(checkpointTopic).size();
        return Utils.toPositive(Utils.murmur2(account.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    static byte[] json(Object value) {
        try {
            return JsonSerde.MAPPER.writeValueAsBytes(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** After a failed transaction: abort it, or when even that fails start over with a new producer. */
    private void abortQuietly() {
        try {
            producer.abortTransaction();
        } catch (RuntimeException e) {
            discardProducer();
        }
    }

    private void discardProducer() {
        Producer<byte[], byte[]> old = producer;
        producer = null;
        if (old != null) {
            try {
                old.close(Duration.ZERO);
            } catch (RuntimeException ignored) {
                // it is being replaced
            }
        }
    }

    private PublishException failed(Publication publication, Throwable cause) {
        return failed(publication.events().size(), publication.checkpoints().size(), cause);
    }

    private PublishException failed(int events, int checkpoints, Throwable cause) {
        String reason = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        lastFailure = reason;
        registry.counter("vanishwatch.collector.publish.failures").increment();
        return new PublishException("cannot publish " + events + " events and " + checkpoints
                + " checkpoint records (" + reason + ")", cause);
    }

    /**
     * Whether the publisher can publish: started, not fenced, the topic's metadata known within {@code wait}, and
     * the last publish did not fail. Empty when it can; otherwise the reason.
     */
    public Optional<String> problem(Duration wait) {
        if (fenced != null) {
            return Optional.of(fenced);
        }
        Producer<byte[], byte[]> current = producer;
        if (sender == null || current == null) {
            return Optional.of("not started: waiting for the broker");
        }
        CompletableFuture<Integer> check = metadataCheck;
        if (check == null || check.isDone()) {
            check = CompletableFuture.supplyAsync(() -> current.partitionsFor(Topics.MAILBOX_EVENTS.name()).size());
            metadataCheck = check;
        }
        try {
            if (check.get(wait.toMillis(), TimeUnit.MILLISECONDS) == 0) {
                return Optional.of("topic " + Topics.MAILBOX_EVENTS.name() + " has no partitions");
            }
        } catch (TimeoutException e) {
            return Optional.of("no metadata for " + Topics.MAILBOX_EVENTS.name() + " within " + wait.toMillis() + " ms");
        } catch (ExecutionException e) {
            return Optional.of("no metadata for " + Topics.MAILBOX_EVENTS.name() + ": " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
        String failure = lastFailure;
        return failure == null ? Optional.empty() : Optional.of("last publish failed: " + failure);
    }

    public String topic() {
        return Topics.MAILBOX_EVENTS.name();
    }

    /** Stops the sender and closes the producer; runs after the watchers have stopped. */
    @PreDestroy
    public void close() {
        stopping = true;
        Thread thread = sender;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Producer<byte[], byte[]> current = producer;
        if (current != null) {
            current.close(Duration.ofSeconds(10));
        }
    }
}

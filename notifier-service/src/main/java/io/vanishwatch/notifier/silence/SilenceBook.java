package io.vanishwatch.notifier.silence;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.vanishwatch.events.Silence;
import io.vanishwatch.events.Topics;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * The notifier's one view of {@link Topics#SILENCES}: read from the beginning at {@link #start()}, then followed on
 * its own thread, so that a silence set before a restart is honoured after it. Thread-safe.
 *
 * <p>How the dispatcher uses it: start processing alerts only after {@code book.awaitCaughtUp(timeout)} returned
 * true, then per alert {@code book.mutes(AlertLabels.of(alert, customers), now)}; a present result means "do not
 * notify", and names the silence to log. In the notifier it is an {@code @ApplicationScoped} bean started at start up
 * ({@link SilenceBeans}): {@code @Inject SilenceBook book}. {@code awaitCaughtUp} stays false while the topic is
 * missing or the broker unreachable; the readiness check "silences" says the same.
 */
public class SilenceBook implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SilenceBook.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration TOPIC_RETRY = Duration.ofSeconds(2);
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

    private final Consumer<String, byte[]> consumer;
    private final String topic;
    private final Deserializer<Silence> values = Topics.SILENCES.valueSerde().deserializer();
    private final Map<String, CompiledSilence> silences = new ConcurrentHashMap<>();
    /** Per partition, the offset of the next record not yet applied; guarded by {@code this}. */
    private final Map<TopicPartition, Long> applied = new HashMap<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread thread;
    /** Guarded by {@code this}, as is {@link #closed}. */
    private boolean started;
    private boolean closed;

    /** A book over {@code topic} read by {@code consumer}, which must not be subscribed or used elsewhere. */
    public SilenceBook(Consumer<String, byte[]> consumer, String topic) {
        this.consumer = consumer;
        this.topic = topic;
        this.thread = new Thread(this::run, "silence-book");
        thread.setDaemon(true);
    }

    /**
     * A book over {@link Topics#SILENCES} with a consumer built from {@code kafka} (bootstrap servers, security): no
     * consumer group (every instance reads everything), committed records only, no topic auto-creation.
     */
    public static SilenceBook reading(Map<String, Object> kafka) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "vanishwatch-notifier-silences");
        return new SilenceBook(new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer()),
                Topics.SILENCES.name());
    }

    /** Starts reading on the book's own thread and returns at once. */
    public synchronized SilenceBook start() {
        if (!started && !closed) {
            started = true;
            thread.start();
        }
        return this;
    }

    /** Waits until the book holds every silence that was on the topic when it started; false on timeout. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean caughtUp() {
        return caughtUp.getCount() == 0;
    }

    /**
     * An active silence at {@code now} that matches these labels, the one ending last if several do; empty when the
     * alert is to be notified.
     */
    public Optional<Silence> mutes(Map<String, String> labels, Instant now) {
        return silences.values().stream()
                .filter(compiled -> SilenceState.of(compiled.silence(), now) == SilenceState.ACTIVE)
                .filter(compiled -> compiled.matches(labels))
                .map(CompiledSilence::silence)
                .max(Comparator.comparing(Silence::endsAt).thenComparing(Silence::id));
    }

    /** Every silence the book holds, in any state, by start then id. */
    public List<Silence> all() {
        return silences.values().stream().map(CompiledSilence::silence)
                .sorted(Comparator.comparing(Silence::startsAt).thenComparing(Silence::id))
                .toList();
    }

    public Optional<Silence> find(String id) {
        return Optional.ofNullable(silences.get(id)).map(CompiledSilence::silence);
    }

    /**
     * Waits until the book has applied the record written at {@code written} (what {@link SilenceWriter} returns),
     * so that a reader sees its own write; false on timeout.
     */
    public synchronized boolean awaitApplied(RecordMetadata written, Duration timeout) throws InterruptedException {
        TopicPartition partition = new TopicPartition(written.topic(), written.partition());
        long deadline = System.nanoTime() + timeout.toNanos();
        while (applied.getOrDefault(partition, 0L) <= written.offset()) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    /** Stops following the topic and closes the consumer. */
    @Override
    public void close() {
        boolean reading;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            reading = started;
        }
        closing.countDown();
        if (!reading) {
            consumer.close(CloseOptions.timeout(CLOSE_GRACE));
            return;
        }
        consumer.wakeup();
        try {
            thread.join(CLOSE_GRACE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            List<TopicPartition> partitions = awaitPartitions();
            if (partitions.isEmpty()) {
                return;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (closing.getCount() > 0) {
                try {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                        apply(record);
                    }
                    advance(partitions);
                    if (!caughtUp() && ends.entrySet().stream()
                            .allMatch(end -> appliedUpTo(end.getKey()) >= end.getValue())) {
                        caughtUp.countDown();
                        LOG.infof("silences read from %s: %d", topic, silences.size());
                    }
                } catch (WakeupException | InterruptException e) {
                    break;
                } catch (KafkaException e) {
                    LOG.warnf("reading %s failed, trying again: %s", topic, e.getMessage());
                    if (closing.await(TOPIC_RETRY.toMillis(), TimeUnit.MILLISECONDS)) {
                        break;
                    }
                }
            }
        } catch (WakeupException | InterruptException e) {
            // closing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.errorf(e, "the silence book stopped reading %s: silences set from now on are not seen", topic);
        } finally {
            consumer.close(CloseOptions.timeout(CLOSE_GRACE));
        }
    }

    /** The topic's partitions once it exists; empty if the book is closed first. */
    private List<TopicPartition> awaitPartitions() throws InterruptedException {
        boolean warned = false;
        while (closing.getCount() > 0) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic);
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            }
            if (!warned) {
                LOG.warnf("topic %s does not exist: silences are not read until it is created (compacted, "
                        + "cleanup.policy=compact; docker compose and the embedded broker create it)", topic);
                warned = true;
            }
            closing.await(TOPIC_RETRY.toMillis(), TimeUnit.MILLISECONDS);
        }
        return List.of();
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        String id = record.key();
        if (id == null) {
            skip(record, "it has no key (the silence id)");
            return;
        }
        if (record.value() == null) {
            silences.remove(id);
            return;
        }
        try {
            Silence silence = values.deserialize(record.topic(), record.value());
            if (!id.equals(silence.id()) || silence.startsAt() == null || silence.endsAt() == null) {
                skip(record, "its id is not its key, or it has no startsAt or endsAt");
                silences.remove(id);
                return;
            }
            silences.put(id, CompiledSilence.of(silence));
        } catch (RuntimeException e) {
            // an unreadable latest version: the older one no longer stands either
            silences.remove(id);
            skip(record, e.getMessage());
        }
    }

    private void skip(ConsumerRecord<String, byte[]> record, String reason) {
        LOG.warnf("skipped the silence record at %s-%d offset %d (key %s): %s", record.topic(), record.partition(),
                record.offset(), record.key(), reason);
    }

    private void advance(List<TopicPartition> partitions) {
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (TopicPartition partition : partitions) {
            positions.put(partition, consumer.position(partition));
        }
        synchronized (this) {
            applied.putAll(positions);
            notifyAll();
        }
    }

    private synchronized long appliedUpTo(TopicPartition partition) {
        return applied.getOrDefault(partition, 0L);
    }
}

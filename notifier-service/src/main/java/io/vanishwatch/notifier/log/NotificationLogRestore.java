package io.vanishwatch.notifier.log;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.vanishwatch.events.Notification;
import io.vanishwatch.events.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.jboss.logging.Logger;

/**
 * Reads the notifications topic into a {@link NotificationLog}: from the beginning on the first call, then from where
 * it stopped, each time up to the current end — at start, and again whenever partitions are (re)assigned, so an
 * instance taking over a partition knows what the previous owner sent.
 */
public final class NotificationLogRestore {

    private static final Logger LOG = Logger.getLogger(NotificationLogRestore.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Consumer<byte[], byte[]> consumer;
    private final NotificationLog log;
    private final Duration timeout;
    private final Deserializer<Notification> deserializer = Topics.NOTIFICATIONS.valueSerde().deserializer();

    /** {@code consumer}: without a group, read_committed; used from one thread only. */
    public NotificationLogRestore(Consumer<byte[], byte[]> consumer, NotificationLog log, Duration timeout) {
        this.consumer = consumer;
        this.log = log;
        this.timeout = timeout;
    }

    /** Reads every entry written before this call; returns how many entries were read. */
    public int catchUp() {
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.NOTIFICATIONS.name(), timeout).stream()
                .map(PartitionInfo::partition)
                .map(p -> new TopicPartition(Topics.NOTIFICATIONS.name(), p))
                .collect(Collectors.toList());
        if (partitions.isEmpty()) {
            throw new IllegalStateException("topic " + Topics.NOTIFICATIONS.name() + " does not exist");
        }
        Set<TopicPartition> known = Set.copyOf(consumer.assignment());
        if (!known.containsAll(partitions)) {
            // first call, or partitions were added: read the new ones from their beginning, keep our place in the rest
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions.stream().filter(p -> !known.contains(p)).collect(Collectors.toList()));
        }
        Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(consumer.assignment(), timeout));
        Instant deadline = Instant.now().plus(timeout);
        int read = 0;
        while (!reachedEnd(end)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("could not read " + Topics.NOTIFICATIONS.name() + " to its end within "
                        + timeout);
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                read++;
                remember(record);
            }
        }
        return read;
    }

    private boolean reachedEnd(Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey(), timeout) >= e.getValue());
    }

    private void remember(ConsumerRecord<byte[], byte[]> record) {
        try {
            Notification notification = deserializer.deserialize(record.topic(), record.value());
            if (notification != null) {
                log.remember(notification);
            }
        } catch (SerializationException e) {
            LOG.warnf("skipping an unreadable notification log entry at %s-%d@%d: %s", record.topic(),
                    record.partition(), record.offset(), e.getMessage());
        }
    }

    /** Makes a catch-up in progress on another thread end with a {@code WakeupException}, for shutdown. */
    public void wakeup() {
        consumer.wakeup();
    }

    public void close() {
        consumer.close();
    }
}

package io.vanishwatch.collector.checkpoint;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

import io.vanishwatch.collector.serverlog.LogPosition;
import io.vanishwatch.collector.sync.FolderState;
import io.vanishwatch.collector.sync.KnownMessages;
import io.vanishwatch.events.JsonSerde;
import io.vanishwatch.events.MessageSummary;

/**
 * The folder checkpoints in Kafka: a compacted topic, written in the same transactions as the mailbox events (see
 * {@code KafkaEventPublisher}), read back in full when the collector starts so that it diffs every folder against
 * what it last published, wherever it runs.
 */
public final class CheckpointStore {

    private static final Logger LOG = Logger.getLogger(CheckpointStore.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final String topic;

    public CheckpointStore(String bootstrapServers, String topic) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
    }

    /** Creates the compacted checkpoint topic (as many partitions as the mailbox events) unless it exists. */
    public void ensureTopic() {
        CollectorTopics.ensureCompacted(bootstrapServers, topic, "checkpoint topic",
                "old checkpoints are deleted with the retention and a restart reports their folders afresh");
    }

    /**
     * Reads every committed checkpoint and returns the folder states of these accounts; a message record of an older
     * UIDVALIDITY than its folder's is ignored. Accounts without checkpoints are left out.
     */
    public Map<String, Map<String, FolderState>> restore(Collection<String> accounts) {
        Restoring restoring = new Restoring(Set.copyOf(accounts));
        long records = readAll(restoring::add);
        Map<String, Map<String, FolderState>> states = restoring.states();
        LOG.infof("restored checkpoints of %d of %d accounts from %d records of %s", states.size(), accounts.size(),
                records, topic);
        return states;
    }

    /** The last committed position of the follower of {@code path}, if it ever stored one. */
    public Optional<LogPosition> logPosition(String path) {
        byte[] wanted = json(new LogPositionKey(path));
        LogPosition[] last = new LogPosition[1];
        readAll((key, value) -> {
            if (java.util.Arrays.equals(wanted, key)) {
                try {
                    last[0] = value == null ? null : JsonSerde.MAPPER.readValue(value, LogPosition.class);
                } catch (IOException e) {
                    LOG.warnf("skipping an unreadable position of %s: %s", path, e.getMessage());
                }
            }
        });
        return Optional.ofNullable(last[0]);
    }

    private static byte[] json(Object value) {
        try {
            return JsonSerde.MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Reads every committed record of the topic, in order per partition; returns how many. */
    private long readAll(java.util.function.BiConsumer<byte[], byte[]> each) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        long records = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            while (partitions.stream().anyMatch(p -> consumer.position(p, TIMEOUT) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    each.accept(record.key(), record.value());
                    records++;
                }
            }
        }
        return records;
    }

    /**
     * Folds checkpoint records, latest per key wins, into folder states. A message record's description goes to the
     * off-heap store as it is read ({@link KnownMessages.Fold}), so that restoring a thousand accounts of tens of
     * thousands of messages holds ~20 bytes of heap per record, not a {@link MessageSummary}.
     */
    public static final class Restoring {

        private final Set<String> accounts;
        private final Map<CheckpointKey, FolderCheckpoint> folders = new HashMap<>();
        /** By the folder's key ({@link CheckpointKey#folder}). */
        private final Map<CheckpointKey, KnownMessages.Fold> messages = new HashMap<>();
        private boolean spent;

        public Restoring(Set<String> accounts) {
            this.accounts = accounts;
        }

        public void add(byte[] keyBytes, byte[] valueBytes) {
            CheckpointKey key;
            try {
                key = JsonSerde.MAPPER.readValue(keyBytes, CheckpointKey.class);
            } catch (IOException | RuntimeException e) {
                LOG.warnf("skipping a checkpoint record with an unreadable key: %s", e.getMessage());
                return;
            }
            // a log follower's position (LogPositionKey) has no account
            if (key.account() == null || !accounts.contains(key.account())) {
                return;
            }
            try {
                if (key.isFolder()) {
                    if (valueBytes == null) {
                        folders.remove(key);
                    } else {
                        folders.put(key, JsonSerde.MAPPER.readValue(valueBytes, FolderCheckpoint.class));
                    }
                    return;
                }
                KnownMessages.Fold fold = messages.computeIfAbsent(CheckpointKey.folder(key.account(), key.folder()),
                        k -> KnownMessages.fold());
                if (valueBytes == null) {
                    fold.remove(key.uid());
                } else {
                    MessageCheckpoint message = JsonSerde.MAPPER.readValue(valueBytes, MessageCheckpoint.class);
                    fold.put(key.uid(), message.uidValidity(), message.message());
                }
            } catch (IOException e) {
                LOG.warnf("skipping an unreadable checkpoint of %s/%s: %s", key.account(), key.folder(), e.getMessage());
            }
        }

        /** The folder states by account and folder; the records read are spent after this. */
        public Map<String, Map<String, FolderState>> states() {
            if (spent) {
                throw new IllegalStateException("the restored states were already taken");
            }
            spent = true;
            Map<String, Map<String, FolderState>> states = new TreeMap<>();
            folders.forEach((key, folder) -> {
                KnownMessages.Fold fold = messages.remove(key);
                KnownMessages held = fold == null ? KnownMessages.NONE : fold.build(folder.status().uidValidity());
                states.computeIfAbsent(key.account(), a -> new TreeMap<>())
                        .put(key.folder(), new FolderState(key.folder(), folder.role(), folder.status(), held,
                                folder.syncedAt()));
            });
            messages.values().forEach(KnownMessages.Fold::discard); // messages of folders with no checkpoint
            messages.clear();
            return states;
        }
    }
}

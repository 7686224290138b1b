package io.vanishwatch.collector.checkpoint;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
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

    /** Folds checkpoint records, latest per key wins, into folder states. */
    public static final class Restoring {

        private final Set<String> accounts;
        private final Map<CheckpointKey, FolderCheckpoint> folders = new HashMap<>();
        private final Map<CheckpointKey, MessageCheckpoint> messages = new HashMap<>();

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
                    put(folders, key, valueBytes == null ? null
                            : JsonSerde.MAPPER.readValue(valueBytes, FolderCheckpoint.class));
                } else {
                    put(messages, key, valueBytes == null ? null
                            : JsonSerde.MAPPER.readValue(valueBytes, MessageCheckpoint.class));
                }
            } catch (IOException e) {
                LOG.warnf("skipping an unreadable checkpoint of %s/%s: %s", key.account(), key.folder(), e.getMessage());
            }
        }

        private static <V> void put(Map<CheckpointKey, V> map, CheckpointKey key, V value) {
            if (value == null) {
                map.remove(key);
            } else {
                map.put(key, value);
            }
        }

        public Map<String, Map<String, FolderState>> states() {
            Map<String, Map<String, TreeMap<Long, MessageSummary>>> byFolder = new HashMap<>();
            messages.forEach((key, message) -> {
                FolderCheckpoint folder = folders.get(CheckpointKey.folder(key.account(), key.folder()));
                if (folder != null && folder.status().uidValidity() == message.uidValidity()) {
                    byFolder.computeIfAbsent(key.account(), a -> new HashMap<>())
                            .computeIfAbsent(key.folder(), f -> new TreeMap<>()).put(key.uid(), message.message());
                }
            });
            Map<String, Map<String, FolderState>> states = new TreeMap<>();
            folders.forEach((key, folder) -> {
                TreeMap<Long, MessageSummary> held = byFolder.getOrDefault(key.account(), Map.of())
                        .getOrDefault(key.folder(), new TreeMap<>());
                Instant syncedAt = folder.syncedAt();
                states.computeIfAbsent(key.account(), a -> new TreeMap<>())
                        .put(key.folder(), new FolderState(key.folder(), folder.role(), folder.status(), held, syncedAt));
            });
            return states;
        }
    }
}

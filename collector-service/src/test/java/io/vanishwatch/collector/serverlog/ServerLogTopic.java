package io.vanishwatch.collector.serverlog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;

import io.vanishwatch.events.ServerLogEvent;
import io.vanishwatch.events.Topics;

/** Reads {@code vanishwatch.server-log.v1} from the start, committed records only, one account's events. */
public final class ServerLogTopic implements AutoCloseable {

    private final KafkaConsumer<String, ServerLogEvent> consumer;
    private final List<ServerLogEvent> seen = new ArrayList<>();
    private final String account;

    public ServerLogTopic(String bootstrapServers, String account) {
        this.account = account;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "server-log-test-" + UUID.randomUUID());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(p, Topics.SERVER_LOG.keySerde().deserializer(),
                Topics.SERVER_LOG.valueSerde().deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.SERVER_LOG.name()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Waits for the account's first event that matches. */
    public ServerLogEvent await(Predicate<ServerLogEvent> matching) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> all().stream().filter(matching).findFirst().orElse(null), found -> found != null);
    }

    /** The account's events read so far, after one more poll. */
    public List<ServerLogEvent> all() {
        consumer.poll(Duration.ofMillis(200)).forEach(record -> {
            if (account.equals(record.key())) {
                seen.add(record.value());
            }
        });
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        consumer.close();
    }
}

package io.vanishwatch.analyzer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.ServerLogEvent;
import io.vanishwatch.events.Topic;
import io.vanishwatch.events.Topics;

/** Publishes mailbox events as the collector does and reads the analyzer's output topics as committed, for broker tests. */
final class Broker {

    private final String bootstrap;

    Broker(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** Publishes the events in order, keyed by account and stamped with their observedAt, and waits for the acks. */
    void publish(String account, List<MailboxEvent> events) {
        try (KafkaProducer<String, MailboxEvent> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                Topics.MAILBOX_EVENTS.keySerde().serializer(), Topics.MAILBOX_EVENTS.valueSerde().serializer())) {
            for (MailboxEvent event : events) {
                producer.send(new ProducerRecord<>(Topics.MAILBOX_EVENTS.name(), null,
                        event.observedAt().toEpochMilli(), account, event));
            }
            producer.flush();
        }
    }

    /** Publishes server-log records in order, keyed by account and stamped with their time, and waits for the acks. */
    void publishServerLog(List<ServerLogEvent> records) {
        try (KafkaProducer<String, ServerLogEvent> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                Topics.SERVER_LOG.keySerde().serializer(), Topics.SERVER_LOG.valueSerde().serializer())) {
            for (ServerLogEvent record : records) {
                producer.send(new ProducerRecord<>(Topics.SERVER_LOG.name(), null, record.at().toEpochMilli(),
                        record.account(), record));
            }
            producer.flush();
        }
    }

    /** A read_committed consumer of every partition of {@code topic}, from the beginning. */
    <V> KafkaConsumer<String, V> readCommitted(Topic<String, V> topic) {
        KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                .map(info -> new TopicPartition(topic.name(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    /** What a read_committed consumer of one output topic has read so far, per account, in order. */
    static final class Collected<V> implements AutoCloseable {

        private final KafkaConsumer<String, V> consumer;
        private final Map<String, List<ConsumerRecord<String, V>>> byAccount = new LinkedHashMap<>();

        Collected(Broker broker, Topic<String, V> topic) {
            this.consumer = broker.readCommitted(topic);
        }

        /** Reads what has been committed since the last poll. */
        Collected<V> poll() {
            consumer.poll(Duration.ofMillis(200))
                    .forEach(record -> byAccount.computeIfAbsent(record.key(), a -> new ArrayList<>()).add(record));
            return this;
        }

        List<ConsumerRecord<String, V>> records(String account) {
            return byAccount.getOrDefault(account, List.of());
        }

        List<V> values(String account) {
            return records(account).stream().map(ConsumerRecord::value).toList();
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}

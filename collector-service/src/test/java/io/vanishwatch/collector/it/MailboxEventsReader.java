package io.vanishwatch.collector.it;

import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.Topics;
import io.vanishwatch.local.kafka.KafkaTestResource;

/** Reads the mailbox-events topic from the start, committed records only, and finds one account's events. */
final class MailboxEventsReader implements AutoCloseable {

    private final KafkaConsumer<String, MailboxEvent> consumer;
    private final List<ConsumerRecord<String, MailboxEvent>> seen = new ArrayList<>();

    MailboxEventsReader() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.kafka().bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "collector-test-" + UUID.randomUUID());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new KafkaConsumer<>(p, Topics.MAILBOX_EVENTS.keySerde().deserializer(),
                Topics.MAILBOX_EVENTS.valueSerde().deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.MAILBOX_EVENTS.name()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Waits for the account's first record whose event matches, and returns it. */
    ConsumerRecord<String, MailboxEvent> await(String account, Predicate<MailboxEvent> matching) {
        return Awaitility.await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    poll();
                    return find(account, matching);
                }, found -> found != null);
    }

    /** Every record of the account read so far (after one more poll). */
    List<MailboxEvent> all(String account) {
        poll();
        return seen.stream().filter(r -> account.equals(r.key())).map(ConsumerRecord::value).toList();
    }

    private ConsumerRecord<String, MailboxEvent> find(String account, Predicate<MailboxEvent> matching) {
        return seen.stream().filter(r -> account.equals(r.key()) && matching.test(r.value())).findFirst()
                .orElse(null);
    }

    private void poll() {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
    }

    @Override
    public void close() {
        consumer.close();
    }
}

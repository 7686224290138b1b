package io.vanishwatch.notifier.intake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Topics;
import io.vanishwatch.notifier.delivery.Sleeper;
import io.vanishwatch.notifier.log.NotificationLogRestore;
import io.vanishwatch.notifier.pipeline.NotificationPipeline;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.jboss.logging.Logger;

/**
 * Reads alerts and hands each to the {@link NotificationPipeline}, committing an alert's offset only after its
 * notifications are recorded; an unreadable record is parked on the dead-letter topic and consumption goes on.
 */
public final class AlertConsumerLoop implements Runnable {

    private static final Logger LOG = Logger.getLogger(AlertConsumerLoop.class);
    private static final Duration POLL = Duration.ofSeconds(1);

    private final Consumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> deadLetters;
    private final NotificationLogRestore restore;
    private final NotificationPipeline pipeline;
    private final Sleeper sleeper;
    private final Duration errorBackoff;
    private final ConsumerState state = new ConsumerState();
    private final Deserializer<Alert> alerts = Topics.ALERTS.valueSerde().deserializer();
    private volatile boolean stopping;

    /**
     * @param consumer    in the notifier's group, read_committed, auto-commit off; owned (closed) by this loop
     * @param deadLetters owned by this loop
     * @param restore     owned by this loop
     */
    public AlertConsumerLoop(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> deadLetters,
            NotificationLogRestore restore, NotificationPipeline pipeline, Sleeper sleeper, Duration errorBackoff) {
        this.consumer = consumer;
        this.deadLetters = deadLetters;
        this.restore = restore;
        this.pipeline = pipeline;
        this.sleeper = sleeper;
        this.errorBackoff = errorBackoff;
    }

    public ConsumerState state() {
        return state;
    }

    /** Asks the loop to finish the alert in hand and stop; safe from any thread. */
    public void stop() {
        stopping = true;
        consumer.wakeup();
        restore.wakeup();
    }

    @Override
    public void run() {
        try {
            restoreLog();
            consumer.subscribe(List.of(Topics.ALERTS.name()), new Rebalance());
            state.phase(ConsumerState.Phase.RUNNING);
            while (!stopping) {
                pollOnce();
            }
        } catch (WakeupException | InterruptException | InterruptedException stopped) {
            if (!stopping) {
                LOG.warn("alert consumer interrupted without a stop request; stopping", stopped);
            }
        } finally {
            state.phase(ConsumerState.Phase.STOPPED);
            closeQuietly();
            LOG.info("alert consumer stopped");
        }
    }

    private void restoreLog() throws InterruptedException {
        state.phase(ConsumerState.Phase.RESTORING_LOG);
        while (!stopping) {
            try {
                int entries = restore.catchUp();
                state.restored(entries);
                LOG.infof("notification log restored from %s: %d entries read", Topics.NOTIFICATIONS.name(), entries);
                return;
            } catch (KafkaException | IllegalStateException e) {
                if (stopping) {
                    break;
                }
                state.error("restoring the notification log: " + e.getMessage());
                LOG.errorf("cannot restore the notification log from %s (%s); retrying in %s",
                        Topics.NOTIFICATIONS.name(), e.getMessage(), errorBackoff);
                sleeper.sleep(errorBackoff);
            }
        }
        throw new InterruptedException("stopped before the notification log was restored");
    }

    private void pollOnce() throws InterruptedException {
        ConsumerRecords<byte[], byte[]> records;
        try {
            records = consumer.poll(POLL);
        } catch (WakeupException | InterruptException e) {
            throw e;
        } catch (KafkaException e) {
            if (stopping) {
                return;
            }
            state.error("polling " + Topics.ALERTS.name() + ": " + e.getMessage());
            LOG.errorf("cannot poll %s (%s); retrying in %s", Topics.ALERTS.name(), e.getMessage(), errorBackoff);
            sleeper.sleep(errorBackoff);
            return;
        }
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                if (!handle(record)) {
                    // not recorded: read it again after a pause, and nothing after it on this partition before it
                    consumer.seek(partition, record.offset());
                    sleeper.sleep(errorBackoff);
                    break;
                }
                commit(partition, record.offset() + 1);
            }
        }
    }

    /** True when the record is done with: its notifications recorded, or parked as unreadable. */
    private boolean handle(ConsumerRecord<byte[], byte[]> record) throws InterruptedException {
        Alert alert;
        try {
            alert = alerts.deserialize(record.topic(), record.value());
        } catch (SerializationException e) {
            return deadLetter(record, e.getMessage());
        }
        if (alert == null) {
            return true;
        }
        if (alert.alertKey() == null || alert.status() == null || alert.firstSeen() == null || alert.account() == null) {
            return deadLetter(record, "alert without alertKey, status, firstSeen or account");
        }
        try {
            pipeline.process(alert);
            return true;
        } catch (KafkaException e) {
            state.error("recording " + alert.notificationKey() + ": " + e.getMessage());
            LOG.errorf("cannot record the notifications of %s (%s); will process it again in %s",
                    alert.notificationKey(), e.getMessage(), errorBackoff);
            return false;
        } catch (RuntimeException e) {
            LOG.error("cannot process alert " + alert.notificationKey(), e);
            return deadLetter(record, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private boolean deadLetter(ConsumerRecord<byte[], byte[]> record, String reason) {
        LOG.errorf("unreadable alert at %s-%d@%d (%s): parked on %s", record.topic(), record.partition(),
                record.offset(), reason, Topics.ALERTS.deadLetterTopic());
        ProducerRecord<byte[], byte[]> parked = new ProducerRecord<>(Topics.ALERTS.deadLetterTopic(), null,
                record.timestamp(), record.key(), record.value());
        parked.headers()
                .add("vanishwatch.dlq.topic", bytes(record.topic()))
                .add("vanishwatch.dlq.partition", bytes(String.valueOf(record.partition())))
                .add("vanishwatch.dlq.offset", bytes(String.valueOf(record.offset())))
                .add("vanishwatch.dlq.reason", bytes(reason == null ? "" : reason));
        try {
            deadLetters.send(parked).get(30, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            state.error("parking an unreadable alert: " + e.getMessage());
            LOG.errorf("cannot park the unreadable alert at %s-%d@%d on %s (%s)", record.topic(), record.partition(),
                    record.offset(), Topics.ALERTS.deadLetterTopic(), e.getMessage());
            return false;
        }
    }

    private void commit(TopicPartition partition, long nextOffset) {
        try {
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(nextOffset)));
        } catch (CommitFailedException e) {
            // the partition moved to another instance: it reads the notification log and will not send again
            LOG.warnf("cannot commit %s@%d after a rebalance: %s", partition, nextOffset, e.getMessage());
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void closeQuietly() {
        for (AutoCloseable closeable : new AutoCloseable[] {consumer::close, deadLetters::close, restore::close}) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debug("closing the alert consumer", e);
            }
        }
    }

    /** Catches the notification log up before working on newly assigned partitions. */
    private final class Rebalance implements ConsumerRebalanceListener {

        private final Set<Integer> mine = new HashSet<>();

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            state.restored(restore.catchUp());
            partitions.forEach(p -> mine.add(p.partition()));
            state.assigned(mine);
            LOG.infof("alert partitions assigned: %s (now %s)", partitions, mine);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            partitions.forEach(p -> mine.remove(p.partition()));
            state.assigned(mine);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            onPartitionsRevoked(partitions);
        }
    }
}

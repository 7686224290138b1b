package io.vanishwatch.notifier.log;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.vanishwatch.events.Notification;
import io.vanishwatch.events.Topics;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/** Writes notification log entries to {@code Topics.NOTIFICATIONS}, keyed by account, and waits for the broker's ack. */
public final class KafkaNotificationWriter implements NotificationWriter {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final Producer<String, Notification> producer;

    public KafkaNotificationWriter(Producer<String, Notification> producer) {
        this.producer = producer;
    }

    @Override
    public void write(Notification notification) {
        try {
            producer.send(new ProducerRecord<>(Topics.NOTIFICATIONS.name(), notification.account(), notification))
                    .get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while recording " + notification.notificationKey(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("cannot record " + notification.notificationKey() + " on "
                    + Topics.NOTIFICATIONS.name(), e);
        }
    }
}

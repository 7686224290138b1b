package io.vanishwatch.notifier.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.vanishwatch.events.Notification;
import io.vanishwatch.local.kafka.KafkaTestResource;
import io.vanishwatch.notifier.KafkaClients;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/** Rebuilding the notification log from the notifications topic of a real broker, as a restarted notifier does. */
class NotificationLogRestoreTest {

    private final String bootstrap = KafkaTestResource.kafka().bootstrapServers();
    private final String account = "restore-" + UUID.randomUUID() + "@demo.example";

    @Test
    void aRestartedLogKnowsWhatWasSentAndNotWhatFailed() {
        // given a previous run that sent one notification by e-mail and failed it on the webhook
        String sentKey = account + "/CLIENT_MOVES_TO_LOCAL/FIRING/1000";
        KafkaClients.produceNotification(bootstrap, entry(sentKey, "email", Notification.Outcome.SENT));
        KafkaClients.produceNotification(bootstrap, entry(sentKey, "webhook", Notification.Outcome.FAILED));

        // when a fresh log is restored from the topic
        NotificationLog log = new NotificationLog(notification -> { });
        NotificationLogRestore restore = restore(log);
        try {
            int read = restore.catchUp();

            // then
            assertThat(read).isGreaterThanOrEqualTo(2);
            assertThat(log.alreadySent(sentKey, "email")).isTrue();
            assertThat(log.alreadySent(sentKey, "webhook")).isFalse();
            assertThat(log.alreadySent(account + "/CLIENT_MOVES_TO_LOCAL/RESOLVED/1000", "email")).isFalse();
        } finally {
            restore.close();
        }
    }

    @Test
    void catchingUpAgainReadsOnlyWhatWasWrittenSince() {
        NotificationLog log = new NotificationLog(notification -> { });
        NotificationLogRestore restore = restore(log);
        try {
            restore.catchUp();
            String laterKey = account + "/MOVED_TO_JUNK/FIRING/2000";
            assertThat(log.alreadySent(laterKey, "webhook")).isFalse();

            // when another instance records a sent notification, and this one catches up (as on a rebalance)
            KafkaClients.produceNotification(bootstrap, entry(laterKey, "webhook", Notification.Outcome.SENT));
            int read = restore.catchUp();

            // then
            assertThat(read).isEqualTo(1);
            assertThat(log.alreadySent(laterKey, "webhook")).isTrue();
        } finally {
            restore.close();
        }
    }

    private NotificationLogRestore restore(NotificationLog log) {
        return new NotificationLogRestore(new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer()), log, Duration.ofSeconds(30));
    }

    private Notification entry(String key, String channel, Notification.Outcome outcome) {
        return new Notification(key, key.substring(0, key.indexOf("/FIRING")), account, channel, outcome, 1,
                Instant.now(), outcome == Notification.Outcome.SENT ? "accepted" : "gave up");
    }
}

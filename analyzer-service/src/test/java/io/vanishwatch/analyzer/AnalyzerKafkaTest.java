package io.vanishwatch.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vanishwatch.analyzer.Mail.Message;
import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Disappearance;
import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.RemovedBy;
import io.vanishwatch.events.ServerLogEvent;
import io.vanishwatch.events.Topic;
import io.vanishwatch.events.Topics;
import io.vanishwatch.local.kafka.KafkaTestResource;

/** The analyzer service as it runs, against a real embedded broker, exactly-once. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class AnalyzerKafkaTest {

    private final Broker broker = new Broker(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));

    @Test
    void shouldRaiseClientFilterAlertWhenUnreadMailLeavesTheServer() {
        // given an account whose Mac takes three new, unread messages off the server half a minute after arrival,
        // and a collector that finds them in no other folder
        String account = "office-" + UUID.randomUUID() + "@test.example";
        Instant start = Instant.now().minusSeconds(60);
        List<MailboxEvent> events = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            Message message = Message.numbered(n);
            events.add(Mail.arrived(account, "INBOX", FolderRole.INBOX, n, message, start.plusSeconds(n)));
            events.add(Mail.removedToNoFolder(account, "INBOX", FolderRole.INBOX, n, message, start.plusSeconds(30 + n),
                    "\\Deleted"));
        }

        // when the collector publishes what it saw
        publish(account, events);

        // then one FIRING alert for the motivating case, with the three disappearances as evidence
        try (KafkaConsumer<String, Alert> alerts = readCommitted(Topics.ALERTS);
             KafkaConsumer<String, Disappearance> disappearances = readCommitted(Topics.DISAPPEARANCES)) {
            List<Alert> firing = awaitFiring(alerts, account);
            assertThat(firing).singleElement().satisfies(alert -> {
                assertThat(alert.pattern()).isEqualTo(Alert.Pattern.CLIENT_MOVES_TO_LOCAL);
                assertThat(alert.alertKey()).isEqualTo(Alert.alertKey(account, Alert.Pattern.CLIENT_MOVES_TO_LOCAL));
                assertThat(alert.count()).isEqualTo(3);
                assertThat(alert.firstSeen()).isEqualTo(start.plusSeconds(31));
                assertThat(alert.summary()).contains(account, "3 unread messages", "no folder on the server");
                assertThat(alert.evidence()).extracting(Disappearance::subject)
                        .containsExactly("Invoice 1", "Invoice 2", "Invoice 3");
            });

            List<Disappearance> explained = new ArrayList<>();
            disappearances.poll(Duration.ofSeconds(2)).forEach(record -> {
                if (record.key().equals(account)) {
                    explained.add(record.value());
                }
            });
            assertThat(explained).as("the disappearances are visible with the alert (one transaction)").hasSize(3)
                    .allSatisfy(d -> {
                        assertThat(d.destination()).isEqualTo(Disappearance.Destination.GONE);
                        assertThat(d.basis()).isEqualTo(Disappearance.Basis.FOLDER_CHECK);
                    });
        }
    }

    @Test
    void shouldNameTheDeviceFromTheServerLogInTheDisappearancesAndTheAlert() {
        // given a Mac whose junk filter deletes three new messages, as the mail server logged it
        String account = "named-" + UUID.randomUUID() + "@test.example";
        ServerLog mac = ServerLog.imap(account, "23MGy0thutZ/AAAB", "192.0.2.14", "Mac OS X Mail");
        Instant start = Instant.now().minusSeconds(60);
        List<MailboxEvent> events = new ArrayList<>();
        List<ServerLogEvent> serverLog = new ArrayList<>();
        serverLog.add(mac.login(start));
        for (int n = 1; n <= 3; n++) {
            Message message = Message.numbered(n);
            Instant removedAt = start.plusSeconds(30 + n);
            events.add(Mail.arrived(account, "INBOX", FolderRole.INBOX, n, message, start.plusSeconds(n)));
            events.add(Mail.removedToNoFolder(account, "INBOX", FolderRole.INBOX, n, message, removedAt, "\\Deleted"));
            serverLog.add(mac.deleted("INBOX", n, message, removedAt.minusMillis(300)));
            serverLog.add(mac.expunge("INBOX", n, message, removedAt.minusMillis(200)));
        }

        // when the log follower and the collector publish what they saw, each on its own topic
        broker.publishServerLog(serverLog);
        publish(account, events);

        // then the disappearances and the alert name the Mac
        try (KafkaConsumer<String, Alert> alerts = readCommitted(Topics.ALERTS);
             KafkaConsumer<String, Disappearance> disappearances = readCommitted(Topics.DISAPPEARANCES)) {
            List<Alert> firing = awaitFiring(alerts, account);
            assertThat(firing).singleElement().satisfies(alert -> {
                assertThat(alert.pattern()).isEqualTo(Alert.Pattern.CLIENT_MOVES_TO_LOCAL);
                assertThat(alert.summary()).contains("All 3 came from 'Mac OS X Mail' at 192.0.2.14.");
                assertThat(alert.facts()).containsEntry(Alert.FACT_DEVICES, "'Mac OS X Mail' at 192.0.2.14=3");
            });
            List<Disappearance> explained = new ArrayList<>();
            disappearances.poll(Duration.ofSeconds(2)).forEach(record -> {
                if (record.key().equals(account)) {
                    explained.add(record.value());
                }
            });
            assertThat(explained).hasSize(3).allSatisfy(d -> {
                assertThat(d.removedBy()).isEqualTo("'Mac OS X Mail' at 192.0.2.14 (imap session 23MGy0thutZ/AAAB)");
                assertThat(d.removedByDevice().action()).isEqualTo(RemovedBy.Action.EXPUNGE_AFTER_DELETE);
            });
        }
    }

    @Test
    void eventsPublishedTwiceGiveExactlyOneDisappearancePerRemoval() {
        // given removals decided every way: checked in no folder, checked in Junk, and found by correlation
        String account = "twice-" + UUID.randomUUID() + "@test.example";
        Instant start = Instant.now().minusSeconds(60);
        Message gone = Message.numbered(1);
        Message toJunk = Message.numbered(2);
        Message toArchive = Message.numbered(3);
        List<MailboxEvent> events = List.of(
                Mail.arrived(account, "INBOX", FolderRole.INBOX, 1, gone, start),
                Mail.arrived(account, "INBOX", FolderRole.INBOX, 2, toJunk, start.plusSeconds(1)),
                Mail.arrived(account, "INBOX", FolderRole.INBOX, 3, toArchive, start.plusSeconds(2)),
                Mail.removedToNoFolder(account, "INBOX", FolderRole.INBOX, 1, gone, start.plusSeconds(10)),
                Mail.removedInto(account, "INBOX", FolderRole.INBOX, 2, toJunk, start.plusSeconds(11), "Junk",
                        FolderRole.JUNK, 20),
                Mail.removed(account, "INBOX", FolderRole.INBOX, 3, toArchive, start.plusSeconds(12), MailboxEvent.SEEN),
                Mail.arrived(account, "Archive", FolderRole.ARCHIVE, 30, toArchive, start.plusSeconds(13),
                        MailboxEvent.SEEN));

        // when the collector publishes all of it twice, then one more removal that marks the end of the input
        publish(account, events);
        publish(account, events);
        Message last = Message.numbered(9);
        publish(account, List.of(Mail.arrived(account, "INBOX", FolderRole.INBOX, 9, last, start.plusSeconds(20)),
                Mail.removedToNoFolder(account, "INBOX", FolderRole.INBOX, 9, last, start.plusSeconds(21))));

        // then, once the last one is explained (one partition per account, in order), each removal was explained once
        try (KafkaConsumer<String, Disappearance> disappearances = readCommitted(Topics.DISAPPEARANCES)) {
            List<Disappearance> explained = new ArrayList<>();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
                disappearances.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.key().equals(account)) {
                        explained.add(record.value());
                    }
                });
                return explained.stream().anyMatch(d -> d.uid() == 9);
            });
            disappearances.poll(Duration.ofSeconds(1)).forEach(record -> {
                if (record.key().equals(account)) {
                    explained.add(record.value());
                }
            });
            assertThat(explained).extracting(Disappearance::uid, Disappearance::destination, Disappearance::basis)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(1L, Disappearance.Destination.GONE,
                                    Disappearance.Basis.FOLDER_CHECK),
                            org.assertj.core.groups.Tuple.tuple(2L, Disappearance.Destination.MOVED,
                                    Disappearance.Basis.FOLDER_CHECK),
                            org.assertj.core.groups.Tuple.tuple(3L, Disappearance.Destination.MOVED,
                                    Disappearance.Basis.ARRIVAL_SEEN),
                            org.assertj.core.groups.Tuple.tuple(9L, Disappearance.Destination.GONE,
                                    Disappearance.Basis.FOLDER_CHECK));
        }
    }

    private void publish(String account, List<MailboxEvent> events) {
        broker.publish(account, events);
    }

    private <V> KafkaConsumer<String, V> readCommitted(Topic<String, V> topic) {
        return broker.readCommitted(topic);
    }

    /** Reads the alerts topic until the account's first FIRING alerts are there; returns them. */
    private static List<Alert> awaitFiring(KafkaConsumer<String, Alert> alerts, String account) {
        List<Alert> firing = new ArrayList<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            alerts.poll(Duration.ofMillis(200)).forEach(record -> {
                if (record.key().equals(account) && record.value().status() == Alert.Status.FIRING) {
                    firing.add(record.value());
                }
            });
            return !firing.isEmpty();
        });
        return firing;
    }
}

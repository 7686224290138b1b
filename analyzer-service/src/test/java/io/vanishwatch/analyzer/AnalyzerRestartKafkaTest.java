package io.vanishwatch.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vanishwatch.analyzer.Mail.Message;
import io.vanishwatch.analyzer.config.AnalyzerConfig;
import io.vanishwatch.analyzer.config.AnalyzerSettingsReader;
import io.vanishwatch.analyzer.topology.AnalyzerTopology;
import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Disappearance;
import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.JsonSerde;
import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.Topics;
import io.vanishwatch.local.kafka.KafkaTestResource;

/**
 * The analyzer stopped during an episode while the collector goes on publishing removals (and publishes earlier events
 * again), then started over the same state, against a real broker: it decides what an analyzer that ran throughout
 * decided — the alert that fired before the stop does not fire again, its updates and its end are not lost.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@TestProfile(AnalyzerRestartKafkaTest.OwnStart.class)
class AnalyzerRestartKafkaTest {

    /** A Quarkus start and Streams application of its own: this test stops the Kafka Streams instance Quarkus runs. */
    public static class OwnStart implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.kafka-streams.application-id", "vanishwatch-analyzer-restart-test",
                    // every growth said, and an episode over 40 s after its last removal: the whole life in a minute
                    "vanishwatch.analyzer.update-interval", "1s",
                    "vanishwatch.analyzer.quiet-period", "40s");
        }
    }

    @Inject
    KafkaStreams running;

    @Inject
    AnalyzerConfig config;

    private final Broker broker = new Broker(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));

    /** One account's minute: three removals found in no folder (FIRING), one without a verdict, one into Junk, one more. */
    private record Minute(String account, Instant start) {

        private Instant at(int seconds) {
            return start.plusSeconds(seconds);
        }

        /** What the collector publishes before the analyzer stops. */
        List<MailboxEvent> before() {
            List<MailboxEvent> events = new ArrayList<>();
            events.add(Mail.watch(account, MailboxEvent.WatchState.CONNECTED, at(0)));
            for (int n = 1; n <= 5; n++) {
                events.add(Mail.arrived(account, "INBOX", FolderRole.INBOX, n, Message.numbered(n), at(n)));
            }
            events.add(Mail.removedToNoFolder(account, "INBOX", FolderRole.INBOX, 1, Message.numbered(1), at(10)));
            events.add(Mail.removedToNoFolder(account, "INBOX", FolderRole.INBOX, 2, Message.numbered(2), at(20)));
            events.add(Mail.removedToNoFolder(account, "INBOX", FolderRole.INBOX, 3, Message.numbered(3), at(30)));
            return events;
        }

        /** What it publishes while the analyzer is stopped, the earlier events again among them; uid 9 comes last. */
        List<MailboxEvent> after() {
            List<MailboxEvent> events = new ArrayList<>();
            events.add(Mail.removed(account, "INBOX", FolderRole.INBOX, 4, Message.numbered(4), at(40)));
            events.add(Mail.removed(account, "INBOX", FolderRole.INBOX, 5, Message.numbered(5), at(45)));
            events.add(Mail.arrived(account, "Junk", FolderRole.JUNK, 50, Message.numbered(5), at(46)));
            events.addAll(before());
            events.add(events.get(0));
            events.add(Mail.arrived(account, "INBOX", FolderRole.INBOX, 9, Message.numbered(9), at(60)));
            events.add(Mail.removedToNoFolder(account, "INBOX", FolderRole.INBOX, 9, Message.numbered(9), at(70)));
            return events;
        }
    }

    @Test
    void anAnalyzerStoppedWhileRemovalsArePublishedDecidesWhatOneThatRanThroughoutDecidedAndNothingTwice() {
        // the minute ends 10 s from now and its episode 50 s from now, by the wall clock: the stop falls inside it
        Instant start = Instant.now().minusSeconds(60);
        Minute steady = new Minute("steady-" + UUID.randomUUID() + "@test.example", start);
        Minute stopped = new Minute("stopped-" + UUID.randomUUID() + "@test.example", start);

        try (Broker.Collected<Disappearance> disappearances = new Broker.Collected<>(broker, Topics.DISAPPEARANCES);
             Broker.Collected<Alert> alerts = new Broker.Collected<>(broker, Topics.ALERTS)) {
            // given an analyzer that has explained the first three removals of both accounts, and alerted
            broker.publish(steady.account(), steady.before());
            broker.publish(stopped.account(), stopped.before());
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() ->
                    disappearances.poll().records(steady.account()).size() == 3
                            && disappearances.records(stopped.account()).size() == 3
                            && alerts.poll().records(stopped.account()).size() == 1);

            // and, for one account, the rest of its minute while it runs
            broker.publish(steady.account(), steady.after());
            awaitTheLastRemoval(steady.account(), disappearances, alerts);
            assertThat(alerts.values(steady.account())).as("the episode is still open at the stop")
                    .noneMatch(alert -> alert.status() == Alert.Status.RESOLVED);

            // when it is stopped while the rest of the other account's minute is published
            assertThat(running.close(Duration.ofSeconds(60))).as("the analyzer stopped").isTrue();
            broker.publish(stopped.account(), stopped.after());

            // and started again over the same state
            try (KafkaStreams again = new KafkaStreams(
                    AnalyzerTopology.build(AnalyzerSettingsReader.read(config)), streamsConfig())) {
                again.start();
                awaitTheEnd(stopped.account(), disappearances, alerts);
                awaitTheEnd(steady.account(), disappearances, alerts);
            }

            // then both accounts have the same disappearances and alerts, stamped alike, each once
            assertThat(disappearances.values(steady.account()))
                    .extracting(Disappearance::uid, Disappearance::destination, Disappearance::basis)
                    .containsExactly(
                            tuple(1L, Disappearance.Destination.GONE, Disappearance.Basis.FOLDER_CHECK),
                            tuple(2L, Disappearance.Destination.GONE, Disappearance.Basis.FOLDER_CHECK),
                            tuple(3L, Disappearance.Destination.GONE, Disappearance.Basis.FOLDER_CHECK),
                            tuple(4L, Disappearance.Destination.GONE, Disappearance.Basis.WINDOW_PASSED),
                            tuple(5L, Disappearance.Destination.MOVED, Disappearance.Basis.ARRIVAL_SEEN),
                            tuple(9L, Disappearance.Destination.GONE, Disappearance.Basis.FOLDER_CHECK));
            assertThat(alerts.values(steady.account()))
                    .extracting(Alert::pattern, Alert::status, Alert::count)
                    .containsExactly(
                            tuple(Alert.Pattern.CLIENT_MOVES_TO_LOCAL, Alert.Status.FIRING, 3),
                            tuple(Alert.Pattern.CLIENT_MOVES_TO_LOCAL, Alert.Status.UPDATED, 4),
                            tuple(Alert.Pattern.CLIENT_MOVES_TO_LOCAL, Alert.Status.UPDATED, 5),
                            tuple(Alert.Pattern.CLIENT_MOVES_TO_LOCAL, Alert.Status.RESOLVED, 5));
            assertThat(asOneAccount(disappearances.records(stopped.account()), stopped.account()))
                    .isEqualTo(asOneAccount(disappearances.records(steady.account()), steady.account()));
            assertThat(asOneAccount(alerts.records(stopped.account()), stopped.account()))
                    .isEqualTo(asOneAccount(alerts.records(steady.account()), steady.account()));
        }
    }

    /** Waits until the removal of uid 9 and the update it makes are committed. */
    private static void awaitTheLastRemoval(String account, Broker.Collected<Disappearance> disappearances,
                                            Broker.Collected<Alert> alerts) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() ->
                disappearances.poll().values(account).stream().anyMatch(d -> d.uid() == 9)
                        && alerts.poll().values(account).stream().anyMatch(alert -> alert.count() == 5));
    }

    /** Waits until the removal of uid 9 and the end of the episode are committed, then reads a little longer. */
    private static void awaitTheEnd(String account, Broker.Collected<Disappearance> disappearances,
                                    Broker.Collected<Alert> alerts) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() ->
                disappearances.poll().values(account).stream().anyMatch(d -> d.uid() == 9)
                        && alerts.poll().values(account).stream().anyMatch(alert -> alert.status() == Alert.Status.RESOLVED));
        for (int i = 0; i < 5; i++) {
            disappearances.poll();
            alerts.poll();
        }
    }

    /** Each record as timestamp and JSON value, with the account's name replaced, so two accounts can be compared. */
    private static <V> List<String> asOneAccount(List<ConsumerRecord<String, V>> records, String account) {
        return records.stream().map(record -> {
            try {
                return record.timestamp() + " " + JsonSerde.MAPPER.writeValueAsString(record.value())
                        .replace(account, "ACCOUNT");
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** The Kafka Streams configuration Quarkus started the analyzer with: its application id and every kafka-streams.* key. */
    private static Properties streamsConfig() {
        Config quarkus = ConfigProvider.getConfig();
        Properties props = new Properties();
        for (String name : quarkus.getPropertyNames()) {
            if (name.startsWith("kafka-streams.")) {
                quarkus.getOptionalValue(name, String.class)
                        .ifPresent(value -> props.put(name.substring("kafka-streams.".length()), value));
            }
        }
        props.put(StreamsConfig.APPLICATION_ID_CONFIG,
                quarkus.getValue("quarkus.kafka-streams.application-id", String.class));
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG,
                quarkus.getValue("quarkus.kafka-streams.bootstrap-servers", String.class));
        return props;
    }
}

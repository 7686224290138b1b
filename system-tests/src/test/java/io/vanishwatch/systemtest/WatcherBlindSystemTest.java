package io.vanishwatch.systemtest;

import static io.vanishwatch.systemtest.Sightings.WAIT;
import static io.vanishwatch.systemtest.Sightings.awaitArrivals;
import static io.vanishwatch.systemtest.Sightings.awaitWatched;
import static io.vanishwatch.systemtest.Sightings.webhookAlerts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Disappearance;
import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.MailboxEvent.WatchState;
import io.vanishwatch.events.Topic;
import io.vanishwatch.events.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The office changes the account's password while hunting for its lost mail: the watch can no longer log in, and
 * support staff must hear that Vanishwatch is blind, and hear again when it sees once given the new password.
 */
class WatcherBlindSystemTest {

    private static final String ACCOUNT = "frontdesk";
    private static final String CHANGED = "changed-by-the-office";

    private static VanishwatchOnDovecot system;

    @BeforeAll
    static void startTheSystem() {
        Map<String, String> settings = new HashMap<>(VanishwatchOnDovecot.ANALYZER_SETTINGS);
        settings.put("vanishwatch.analyzer.watcher-blind.grace", "5s");
        // the watch retries within seconds, so "fixed" is seen at once
        settings.put("vanishwatch.collector.reconnect.initial-backoff", "500ms");
        settings.put("vanishwatch.collector.reconnect.max-backoff", "2s");
        system = VanishwatchOnDovecot.start(settings, ACCOUNT);
    }

    @AfterAll
    static void stopTheSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aPasswordChangedOnTheServerRaisesWatcherBlindUntilTheWatchHasItAndNoMailIsLost() throws IOException {
        try (TopicReader<MailboxEvent> events = topic(Topics.MAILBOX_EVENTS);
             TopicReader<Disappearance> disappearances = topic(Topics.DISAPPEARANCES);
             TopicReader<Alert> alerts = topic(Topics.ALERTS)) {
            awaitWatched(events);
            MailUser office = new MailUser(system.dovecot, ACCOUNT);
            awaitArrivals(events, office.deliver("Before the change", 2));

            // when the password is changed on the server, which ends the watch's sessions, and mail goes on arriving
            system.dovecot.changePassword(ACCOUNT, CHANGED);
            system.dovecot.kick(ACCOUNT);
            List<String> whileBlind = office.deliver("While nobody watched", 3);

            // then, once the grace period is over, support staff hear that the watch is blind and why
            Alert firing = await().atMost(WAIT).until(() -> blind(alerts, Alert.Status.FIRING), Optional::isPresent)
                    .orElseThrow();
            MailboxEvent authFailed = watchStates(events).stream()
                    .filter(e -> e.watchState() == WatchState.AUTH_FAILED).findFirst().orElseThrow();
            assertThat(firing.severity()).isEqualTo(Alert.Severity.CRITICAL);
            assertThat(firing.account()).isEqualTo(ACCOUNT);
            assertThat(firing.summary()).contains(ACCOUNT).containsIgnoringCase("authentication failed");
            assertThat(firing.facts()).containsEntry(Alert.FACT_WATCH_STATE, "AUTH_FAILED")
                    .containsKey(Alert.FACT_BLIND_SINCE);
            assertThat(Instant.parse(firing.facts().get(Alert.FACT_BLIND_SINCE)))
                    .isBetween(authFailed.observedAt().minusSeconds(1), authFailed.observedAt());
            assertThat(firing.toString()).doesNotContain(CHANGED).doesNotContain(VanishwatchOnDovecot.PASSWORD);
            await().atMost(WAIT).until(() -> webhookAlerts(system.webhook, ACCOUNT).stream()
                    .anyMatch(a -> a.pattern() == Alert.Pattern.WATCHER_BLIND && a.status() == Alert.Status.FIRING));

            // and the watch kept trying meanwhile, saying so once
            assertThat(failedLogins()).isGreaterThanOrEqualTo(2);
            assertThat(watchStates(events)).filteredOn(e -> e.watchState() != WatchState.CONNECTED).singleElement()
                    .satisfies(e -> assertThat(e.reason()).startsWith("authentication failed").doesNotContain(CHANGED));

            // when support staff write the new password into the watch's password file (no restart)
            Files.writeString(system.runDir.resolve(VanishwatchOnDovecot.PASSWORD_FILE), CHANGED + "\n");

            // then the alert is resolved, for the same episode, on both channels' evidence
            Alert resolved = await().atMost(WAIT).until(() -> blind(alerts, Alert.Status.RESOLVED), Optional::isPresent)
                    .orElseThrow();
            assertThat(resolved.firstSeen()).isEqualTo(firing.firstSeen());
            await().atMost(WAIT).until(() -> webhookAlerts(system.webhook, ACCOUNT).stream()
                    .anyMatch(a -> a.pattern() == Alert.Pattern.WATCHER_BLIND && a.status() == Alert.Status.RESOLVED));

            // and the mail delivered while it was blind is reported once the watch is back: nothing lost
            Map<String, MailboxEvent> arrived = awaitArrivals(events, whileBlind);
            List<MailboxEvent> states = watchStates(events);
            assertThat(states).extracting(MailboxEvent::watchState)
                    .containsExactly(WatchState.CONNECTED, WatchState.AUTH_FAILED, WatchState.CONNECTED);
            Instant back = states.get(2).observedAt();
            assertThat(whileBlind).allSatisfy(id -> assertThat(arrived.get(id).observedAt()).isAfterOrEqualTo(back));

            // and nothing else was raised: the blind watch is the one story, told twice
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(alerts::poll, all -> all.size() == 2);
            assertThat(alerts.poll()).extracting(Alert::pattern, Alert::status).containsExactly(
                    tuple(Alert.Pattern.WATCHER_BLIND, Alert.Status.FIRING),
                    tuple(Alert.Pattern.WATCHER_BLIND, Alert.Status.RESOLVED));
            assertThat(webhookAlerts(system.webhook, ACCOUNT)).extracting(Alert::pattern)
                    .containsOnly(Alert.Pattern.WATCHER_BLIND);
            assertThat(disappearances.poll()).isEmpty();
        }
    }

    private static Optional<Alert> blind(TopicReader<Alert> alerts, Alert.Status status) {
        return alerts.poll().stream()
                .filter(a -> a.pattern() == Alert.Pattern.WATCHER_BLIND && a.status() == status).findFirst();
    }

    private static List<MailboxEvent> watchStates(TopicReader<MailboxEvent> events) {
        return events.poll().stream().filter(e -> e.type() == MailboxEvent.Type.WATCH_STATE).toList();
    }

    /** Logins of the account Dovecot refused for a wrong password. */
    private static long failedLogins() {
        return system.dovecot.logLines().stream()
                .filter(line -> line.contains("auth failed") && line.contains("user=<" + ACCOUNT + ">")).count();
    }

    private static <V> TopicReader<V> topic(Topic<String, V> topic) {
        return new TopicReader<>(system.kafka.bootstrapServers(), topic, ACCOUNT);
    }
}

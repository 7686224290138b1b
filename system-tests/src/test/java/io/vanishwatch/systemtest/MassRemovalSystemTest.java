package io.vanishwatch.systemtest;

import static io.vanishwatch.systemtest.Sightings.WAIT;
import static io.vanishwatch.systemtest.Sightings.awaitArrivals;
import static io.vanishwatch.systemtest.Sightings.awaitWatched;
import static io.vanishwatch.systemtest.Sightings.webhookAlerts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Disappearance;
import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.Topic;
import io.vanishwatch.events.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Someone with the password, or a sync gone wrong, deletes years of mail in one go: old, read mail that no other
 * pattern looks at. It must be the one critical alert, not a crowd of lesser ones.
 */
class MassRemovalSystemTest {

    private static final String BOOKKEEPING = "bookkeeping";
    private static final String SWEPT = "swept";
    private static final int MIN_COUNT = 30;

    private static final Map<String, List<String>> OLD_MAIL = new HashMap<>();
    private static VanishwatchOnDovecot system;

    @BeforeAll
    static void startTheSystem() {
        Map<String, String> settings = new HashMap<>();
        settings.put("vanishwatch.analyzer.correlation-window", "5s");
        settings.put("vanishwatch.analyzer.mass-removal.min-count", Integer.toString(MIN_COUNT));
        // mail kept for weeks, read long ago, before anyone watched
        system = VanishwatchOnDovecot.start(settings, dovecot -> {
            OLD_MAIL.put(BOOKKEEPING, new MailUser(dovecot, BOOKKEEPING).appendOld("INBOX", "Invoice", 60,
                    Duration.ofDays(40)));
            OLD_MAIL.put(SWEPT, new MailUser(dovecot, SWEPT).appendOld("INBOX", "Contract", 40, Duration.ofDays(90)));
        }, BOOKKEEPING, SWEPT);
    }

    @AfterAll
    static void stopTheSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void fiftyOldMessagesDeletedAtOnceRaiseOneMassRemovalAndNothingElse() {
        try (TopicReader<MailboxEvent> events = topic(Topics.MAILBOX_EVENTS, BOOKKEEPING);
             TopicReader<Disappearance> disappearances = topic(Topics.DISAPPEARANCES, BOOKKEEPING);
             TopicReader<Alert> alerts = topic(Topics.ALERTS, BOOKKEEPING)) {
            awaitWatched(events);
            MailUser bookkeeping = new MailUser(system.dovecot, BOOKKEEPING);
            List<String> recent = bookkeeping.deliver("This week's order", 3);
            awaitArrivals(events, recent);

            // when another client deletes 50 of the 60 old messages in one go (STORE \Deleted, then expunge)
            List<String> deleted = OLD_MAIL.get(BOOKKEEPING).subList(0, 50);
            bookkeeping.expunge("INBOX", deleted);

            // then each is explained as gone from the server, read long before
            List<Disappearance> explained = await().atMost(WAIT).until(disappearances::poll, seen -> seen.size() >= 50);
            assertThat(explained).extracting(Disappearance::messageId).containsExactlyInAnyOrderElementsOf(deleted);
            assertThat(explained).allSatisfy(gone -> {
                assertThat(gone.destination()).isEqualTo(Disappearance.Destination.GONE);
                assertThat(gone.readBeforeRemoval()).isTrue();
            });

            // and the one alert is the critical mass removal, on the topic and at the webhook
            List<Alert> raised = onlyMassRemoval(alerts);
            Alert firing = raised.get(0);
            assertThat(firing.severity()).isEqualTo(Alert.Severity.CRITICAL);
            assertThat(firing.count()).isBetween(MIN_COUNT, deleted.size());
            assertThat(firing.summary()).contains(BOOKKEEPING);
            assertThat(firing.evidence()).isNotEmpty().hasSizeLessThanOrEqualTo(25)
                    .extracting(Disappearance::messageId).isSubsetOf(deleted);
            await().atMost(WAIT).until(() -> webhookAlerts(system.webhook, BOOKKEEPING).stream()
                    .anyMatch(a -> a.pattern() == Alert.Pattern.MASS_REMOVAL && a.status() == Alert.Status.FIRING));
            assertThat(webhookAlerts(system.webhook, BOOKKEEPING)).extracting(Alert::pattern)
                    .containsOnly(Alert.Pattern.MASS_REMOVAL);
        }
    }

    @Test
    void newUnreadMailDeletedWithTheOldIsPartOfTheMassRemovalNotAClientFilter() {
        try (TopicReader<MailboxEvent> events = topic(Topics.MAILBOX_EVENTS, SWEPT);
             TopicReader<Disappearance> disappearances = topic(Topics.DISAPPEARANCES, SWEPT);
             TopicReader<Alert> alerts = topic(Topics.ALERTS, SWEPT)) {
            awaitWatched(events);
            MailUser swept = new MailUser(system.dovecot, SWEPT);
            List<String> unread = swept.deliver("Sent this morning", 3);
            awaitArrivals(events, unread);

            // when everything in INBOX is deleted at once, the new unread mail with the old
            List<String> everything = new ArrayList<>(OLD_MAIL.get(SWEPT));
            everything.addAll(unread);
            swept.expunge("INBOX", everything);

            // then the new mail is gone unread within minutes of arriving, as a client filter's would be ...
            List<Disappearance> explained = await().atMost(WAIT)
                    .until(disappearances::poll, seen -> seen.size() >= everything.size());
            assertThat(explained).extracting(Disappearance::messageId).containsExactlyInAnyOrderElementsOf(everything);
            assertThat(explained).filteredOn(gone -> unread.contains(gone.messageId())).hasSize(3).allSatisfy(gone -> {
                assertThat(gone.destination()).isEqualTo(Disappearance.Destination.GONE);
                assertThat(gone.readBeforeRemoval()).isFalse();
            });

            // ... but the alert is the mass removal alone
            Alert firing = onlyMassRemoval(alerts).get(0);
            assertThat(firing.severity()).isEqualTo(Alert.Severity.CRITICAL);
            assertThat(webhookAlerts(system.webhook, SWEPT)).extracting(Alert::pattern)
                    .containsOnly(Alert.Pattern.MASS_REMOVAL);
        }
    }

    /**
     * Waits for the FIRING mass removal and a little past it; asserts it is the only FIRING and that every alert of the
     * account is about the mass removal (UPDATED and RESOLVED may follow); returns them in order.
     */
    private static List<Alert> onlyMassRemoval(TopicReader<Alert> alerts) {
        await().atMost(WAIT).until(alerts::poll, all -> all.stream()
                .anyMatch(a -> a.pattern() == Alert.Pattern.MASS_REMOVAL && a.status() == Alert.Status.FIRING));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(alerts::poll, all -> all.stream().allMatch(a -> a.pattern() == Alert.Pattern.MASS_REMOVAL));
        List<Alert> raised = alerts.poll();
        assertThat(raised).as("every alert of the account").extracting(Alert::pattern)
                .containsOnly(Alert.Pattern.MASS_REMOVAL);
        assertThat(raised).extracting(Alert::status).first().isEqualTo(Alert.Status.FIRING);
        assertThat(raised).extracting(Alert::status).filteredOn(status -> status == Alert.Status.FIRING).hasSize(1);
        return raised;
    }

    private static <V> TopicReader<V> topic(Topic<String, V> topic, String account) {
        return new TopicReader<>(system.kafka.bootstrapServers(), topic, account);
    }
}

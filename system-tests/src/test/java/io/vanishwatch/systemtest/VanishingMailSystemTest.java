package io.vanishwatch.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Disappearance;
import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.JsonSerde;
import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.Topics;
import io.vanishwatch.local.mail.ReceivedMail;
import io.vanishwatch.local.office.DeviceAction;
import io.vanishwatch.local.office.OfficeMailSource.Kind;
import io.vanishwatch.local.office.SimulatedOffice;
import io.vanishwatch.local.office.TidyReader;
import io.vanishwatch.local.webhook.WebhookReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The motivating case and normal use, end to end: Dovecot → collector → Kafka → analyzer → Kafka → notifier →
 * the support mailbox and the chat webhook.
 */
class VanishingMailSystemTest {

    private static final String OFFICE = "office";
    private static final String CALM = "calm";
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(90);

    private static VanishwatchOnDovecot system;

    @BeforeAll
    static void startTheSystem() {
        system = VanishwatchOnDovecot.start(OFFICE, CALM);
    }

    @AfterAll
    static void stopTheSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void shouldAlertSupportByEmailAndWebhookWhenAMacsJunkFilterTakesNewUnreadMailOffTheServer() {
        try (SimulatedOffice office = officeOn(OFFICE, null);
             TopicReader<MailboxEvent> events = new TopicReader<>(system.kafka.bootstrapServers(), Topics.MAILBOX_EVENTS, OFFICE)) {
            awaitWatched(events);

            // given five devices on one account, and new mail: invoices, newsletters and ordinary mail
            List<String> invoices = office.deliver(Kind.SUPPLIER_INVOICE, 3);
            List<String> newsletters = office.deliver(Kind.NEWSLETTER, 2);
            List<String> ordinary = office.deliver(Kind.COLLEAGUE, 3);
            awaitArrivals(events, union(invoices, newsletters, ordinary));

            // when the devices look: the Mac takes the invoices off the server, another moves newsletters to Junk
            List<DeviceAction> actions = office.runDevicesOnce();
            assertThat(actions).filteredOn(a -> a.kind() == DeviceAction.Kind.TAKEN_OFF_SERVER)
                    .extracting(DeviceAction::messageId).containsExactlyInAnyOrderElementsOf(invoices);
            assertThat(actions).filteredOn(a -> a.kind() == DeviceAction.Kind.MOVED)
                    .extracting(DeviceAction::messageId).containsExactlyInAnyOrderElementsOf(newsletters);
            Instant lastRemoval = actions.stream()
                    .filter(a -> a.kind() == DeviceAction.Kind.TAKEN_OFF_SERVER)
                    .map(DeviceAction::at).max(Instant::compareTo).orElseThrow();

            // then support staff get the alert by webhook, naming the account and exactly the vanished messages
            WebhookReceiver.Delivery post = await().atMost(DELIVERY_TIMEOUT).pollInterval(Duration.ofMillis(100))
                    .until(() -> webhookAlert(OFFICE, Alert.Pattern.CLIENT_MOVES_TO_LOCAL), Optional::isPresent).orElseThrow();
            Alert alert = Sightings.alertIn(post);
            assertThat(alert.status()).isEqualTo(Alert.Status.FIRING);
            assertThat(alert.account()).isEqualTo(OFFICE);
            assertThat(alert.evidence()).extracting(Disappearance::messageId)
                    .containsExactlyInAnyOrderElementsOf(invoices)
                    .doesNotContainAnyElementsOf(newsletters)
                    .doesNotContainAnyElementsOf(ordinary);
            assertThat(alert.evidence()).allSatisfy(gone -> {
                assertThat(gone.destination()).isEqualTo(Disappearance.Destination.GONE);
                assertThat(gone.readBeforeRemoval()).isFalse();
                assertThat(gone.folderRole()).isEqualTo(FolderRole.INBOX);
            });
            assertThat(textOf(post)).contains(OFFICE);

            // and by e-mail in the support mailbox
            ReceivedMail mail = await().atMost(DELIVERY_TIMEOUT).pollInterval(Duration.ofMillis(100))
                    .until(() -> supportMail(OFFICE, "client moves new mail to local storage"), Optional::isPresent).orElseThrow();
            Instant mailSeen = Instant.now();
            assertThat(mail.subject()).contains("FIRING").contains(OFFICE);
            for (Disappearance gone : alert.evidence()) {
                assertThat(mail.text()).contains(gone.subject()).contains(gone.messageId());
            }

            // the newsletters moved to Junk raise the milder alert, never the motivating one
            assertThat(alert.evidence()).noneMatch(gone -> gone.destination() == Disappearance.Destination.MOVED);

            System.out.printf("%nmeasured: last removal on the server -> webhook delivered: %d ms; -> e-mail seen in the"
                            + " support mailbox: %d ms%n%n",
                    Duration.between(lastRemoval, post.receivedAt()).toMillis(),
                    Duration.between(lastRemoval, mailSeen).toMillis());
            assertThat(alert.evidence()).allSatisfy(gone ->
                    assertThat(gone.basis()).isEqualTo(Disappearance.Basis.FOLDER_CHECK));
        }
    }

    @Test
    void shouldRaiseNothingWhenMailIsReadAndDeletedAWhileLater() {
        try (SimulatedOffice office = officeOn(CALM, Duration.ofSeconds(8));
             TopicReader<MailboxEvent> events = new TopicReader<>(system.kafka.bootstrapServers(), Topics.MAILBOX_EVENTS, CALM);
             TopicReader<Disappearance> disappearances = new TopicReader<>(system.kafka.bootstrapServers(), Topics.DISAPPEARANCES, CALM);
             TopicReader<Alert> alerts = new TopicReader<>(system.kafka.bootstrapServers(), Topics.ALERTS, CALM)) {
            awaitWatched(events);

            // given ordinary mail that people read
            List<String> mail = union(office.deliver(Kind.COLLEAGUE, 2), office.deliver(Kind.CUSTOMER, 2));
            awaitArrivals(events, mail);
            assertThat(office.runDevicesOnce()).filteredOn(a -> a.kind() == DeviceAction.Kind.READ)
                    .extracting(DeviceAction::messageId).containsAll(mail);

            // when the tidy person deletes it a while after reading it
            List<DeviceAction> deleted = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                office.runDevicesOnce().stream().filter(a -> a.kind() == DeviceAction.Kind.DELETED).forEach(deleted::add);
                return deleted.size() == mail.size();
            });

            // then every removal is explained as read and gone ...
            List<Disappearance> explained = await().atMost(DELIVERY_TIMEOUT)
                    .until(disappearances::poll, seen -> seen.size() >= mail.size());
            assertThat(explained).extracting(Disappearance::messageId).containsExactlyInAnyOrderElementsOf(mail);
            assertThat(explained).allSatisfy(gone -> assertThat(gone.readBeforeRemoval()).isTrue());

            // ... and no alert was raised: an alert would have committed in the same transaction as these
            assertThat(alerts.poll()).isEmpty();
            assertThat(system.webhook.deliveries()).noneMatch(post -> Sightings.alertIn(post).account().equals(CALM));
        }
    }

    private static SimulatedOffice officeOn(String account, Duration tidyAfter) {
        SimulatedOffice.Builder builder = SimulatedOffice.builder(system.dovecot.account(account),
                account + "@mail.example", system.dovecot.mailDrop(account));
        if (tidyAfter != null) {
            builder.tidyReader(tidyAfter, TidyReader.Cleanup.DELETE);
        }
        return builder.build();
    }

    /** The collector has its baseline of the account's INBOX and Junk: from now on it sees every change. */
    private static void awaitWatched(TopicReader<MailboxEvent> events) {
        await().atMost(Duration.ofSeconds(60)).until(() -> events.poll().stream()
                .filter(event -> event.type() == MailboxEvent.Type.FOLDER_RESYNCED)
                .map(MailboxEvent::folderRole).collect(Collectors.toSet()), roles -> roles.containsAll(Set.of(FolderRole.INBOX, FolderRole.JUNK)));
    }

    /** Devices check mail after it arrived; the collector reports each arrival first. */
    private static void awaitArrivals(TopicReader<MailboxEvent> events, Collection<String> messageIds) {
        await().atMost(Duration.ofSeconds(60)).until(() -> events.poll().stream()
                .filter(event -> event.type() == MailboxEvent.Type.ARRIVED && event.folderRole() == FolderRole.INBOX)
                .map(MailboxEvent::messageId).collect(Collectors.toSet()), seen -> seen.containsAll(messageIds));
    }

    private static Optional<WebhookReceiver.Delivery> webhookAlert(String account, Alert.Pattern pattern) {
        return system.webhook.deliveries().stream()
                .filter(post -> {
                    Alert alert = Sightings.alertIn(post);
                    return alert.account().equals(account) && alert.pattern() == pattern;
                })
                .findFirst();
    }

    private static Optional<ReceivedMail> supportMail(String account, String phrase) {
        return system.smtp.inboxOf(VanishwatchOnDovecot.SUPPORT).stream()
                .filter(mail -> mail.subject().contains(account) && mail.subject().contains(phrase))
                .findFirst();
    }

    private static String textOf(WebhookReceiver.Delivery post) {
        try {
            JsonNode body = JsonSerde.MAPPER.readTree(post.body());
            return body.path("text").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SafeVarargs
    private static List<String> union(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> list : lists) {
            all.addAll(list);
        }
        return all;
    }
}

package io.vanishwatch.notifier.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Notification;
import io.vanishwatch.notifier.SampleAlerts;
import io.vanishwatch.notifier.delivery.http.ScriptedReceiver;
import io.vanishwatch.notifier.delivery.webhook.WebhookChannel;
import io.vanishwatch.notifier.delivery.webhook.WebhookSettings;
import io.vanishwatch.notifier.delivery.DeliveryResult;
import io.vanishwatch.notifier.delivery.Notice;
import io.vanishwatch.notifier.routing.AlertLabels;
import io.vanishwatch.notifier.routing.Customers;
import io.vanishwatch.notifier.routing.Grouping;
import io.vanishwatch.notifier.routing.Receiver;
import io.vanishwatch.notifier.routing.Route;
import io.vanishwatch.notifier.routing.RouteTree;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Routing, grouping, muting and pending delivery through the real topology, on a wall clock the test moves. */
class NotifierTopologyTest {

    private final RecordingChannel email = new RecordingChannel("email");
    private final RecordingChannel slack = new RecordingChannel("slack");
    private DispatchDriver driver;

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    private DispatchDriver defaultRouting() {
        driver = new DispatchDriver(RouteTree.single(Receiver.DEFAULT, Grouping.DEFAULT),
                List.of(new Receiver(Receiver.DEFAULT, List.of(email, slack), Notice.Presentation.DEFAULT, true)),
                Customers.NONE, SilenceCheck.NONE);
        return driver;
    }

    @Test
    void eachAlertStateIsDeliveredOncePerChannelAndRecordedUnderTheAlertsOwnNotificationKey() {
        defaultRouting();
        Alert firing = SampleAlerts.clientMovesToLocal("office", 3);

        driver.raise(firing);
        driver.pass(Duration.ofSeconds(2));
        driver.raise(firing);
        driver.pass(Duration.ofSeconds(2));

        assertThat(email.taken()).extracting(Notice::key).containsExactly(firing.notificationKey());
        assertThat(slack.taken()).extracting(Notice::key).containsExactly(firing.notificationKey());
        assertThat(driver.notifications()).extracting(Notification::channel, Notification::outcome)
                .containsExactlyInAnyOrder(tuple("email", Notification.Outcome.SENT),
                        tuple("slack", Notification.Outcome.SENT));
    }

    @Test
    void aChannelThatAnswers503ForTwoMinutesGetsTheAlertOnceItRecoversAndTheResolvedOnlyAfterIt() {
        defaultRouting();
        slack.answering(DeliveryResult.retryable("HTTP 503")).thenAlways(DeliveryResult.retryable("HTTP 503"));
        Alert firing = SampleAlerts.clientMovesToLocal("office", 3);
        driver.raise(firing);
        driver.pass(Duration.ofSeconds(2));
        driver.raise(SampleAlerts.resolved(firing));

        driver.pass(Duration.ofMinutes(2));
        slack.thenAlways(DeliveryResult.sent("HTTP 200"));
        driver.pass(Duration.ofMinutes(1));

        assertThat(slack.offered().size()).as("attempts while down, with backoff").isBetween(6, 12);
        assertThat(slack.taken()).extracting(notice -> notice.first().status())
                .containsExactly(Alert.Status.FIRING, Alert.Status.RESOLVED);
        assertThat(email.taken()).hasSize(2);
        List<Notification> log = driver.notifications();
        assertThat(log).filteredOn(n -> n.channel().equals("slack"))
                .extracting(Notification::outcome).containsExactly(Notification.Outcome.SENT, Notification.Outcome.SENT);
        assertThat(log).noneMatch(n -> n.outcome() == Notification.Outcome.FAILED);
        assertThat(driver.undeliverable()).isEmpty();
    }

    @Test
    void aRealWebhookReceiverAnswering503ForTwoMinutesGetsTheNotificationOnceUnderOneIdempotencyKey()
            throws IOException {
        try (ScriptedReceiver receiver = new ScriptedReceiver()) {
            for (int i = 0; i < 7; i++) {
                receiver.answer(503);
            }
            receiver.answer(200);
            WebhookChannel webhook = new WebhookChannel(new WebhookSettings(receiver.url(), Optional.empty(),
                    Optional.empty(), Duration.ofSeconds(5)), Clock.systemUTC());
            driver = new DispatchDriver(RouteTree.single(Receiver.DEFAULT, Grouping.DEFAULT),
                    List.of(new Receiver(Receiver.DEFAULT, List.of(webhook), Notice.Presentation.DEFAULT, true)),
                    Customers.NONE, SilenceCheck.NONE);
            Alert firing = SampleAlerts.clientMovesToLocal("office", 3);

            driver.raise(firing);
            driver.pass(Duration.ofMinutes(2));
            assertThat(receiver.posts()).as("503 so far, backing off 1, 2, 4 ... 60 s").hasSize(7);
            driver.pass(Duration.ofMinutes(1));

            assertThat(receiver.posts()).hasSize(8);
            assertThat(receiver.posts()).extracting(post -> post.header("Idempotency-Key")).containsOnly(
                    Notice.of(firing).digest());
            assertThat(driver.notifications()).singleElement().satisfies(n -> {
                assertThat(n.outcome()).isEqualTo(Notification.Outcome.SENT);
                assertThat(n.attempts()).isEqualTo(8);
            });
        }
    }

    @Test
    void aPermanentRefusalIsRecordedParkedAndToldOnTheOtherChannel() {
        defaultRouting();
        slack.thenAlways(DeliveryResult.permanent("HTTP 404 no_service"));
        Alert firing = SampleAlerts.clientMovesToLocal("office", 3);

        driver.raise(firing);
        driver.pass(Duration.ofSeconds(3));

        assertThat(slack.offered()).hasSize(1);
        assertThat(driver.notifications()).filteredOn(n -> n.channel().equals("slack")).singleElement()
                .satisfies(n -> {
                    assertThat(n.outcome()).isEqualTo(Notification.Outcome.FAILED);
                    assertThat(n.detail()).contains("permanent failure: HTTP 404 no_service");
                });
        assertThat(driver.undeliverable()).singleElement().satisfies(parked -> assertThat(
                new String(parked, StandardCharsets.UTF_8)).contains("\"channel\":\"slack\"")
                .contains(firing.notificationKey()));
        assertThat(email.taken()).extracting(Notice::kind)
                .containsExactly(Notice.Kind.ALERTS, Notice.Kind.UNDELIVERED);
        Notice undelivered = email.taken().get(1);
        assertThat(undelivered.undelivered().channel()).isEqualTo("slack");
        assertThat(undelivered.undelivered().noticeKey()).isEqualTo(firing.notificationKey());
        assertThat(undelivered.alerts()).containsExactly(firing);
    }

    @Test
    void aDeliveryThatKeepsFailingIsGivenUpAfterTheConfiguredTimeNotBefore() {
        defaultRouting();
        slack.thenAlways(DeliveryResult.retryable("connection refused"));
        driver.raise(SampleAlerts.clientMovesToLocal("office", 3));

        driver.pass(Duration.ofMinutes(59));
        assertThat(driver.undeliverable()).isEmpty();
        driver.pass(Duration.ofMinutes(2));

        assertThat(driver.undeliverable()).hasSize(1);
        assertThat(driver.notifications()).filteredOn(n -> n.channel().equals("slack")).singleElement()
                .satisfies(n -> assertThat(n.detail()).startsWith("gave up after").contains("connection refused"));
    }

    @Test
    void aBurstOnOneCustomerGoesOutAsOneNotificationAfterGroupWait() {
        Grouping byCustomer = new Grouping(List.of(AlertLabels.CUSTOMER), Duration.ofSeconds(30),
                Duration.ofMinutes(5), Duration.ZERO);
        Route acme = new Route("acme", "acme-desk", Map.of(AlertLabels.CUSTOMER, Set.of("ACME")), false, byCustomer);
        driver = new DispatchDriver(new RouteTree(new Route(RouteTree.ROOT, Receiver.DEFAULT, Map.of(), false,
                Grouping.DEFAULT), List.of(acme)),
                List.of(new Receiver(Receiver.DEFAULT, List.of(email), Notice.Presentation.DEFAULT, true),
                        new Receiver("acme-desk", List.of(slack), Notice.Presentation.DEFAULT, true)),
                new Customers(Map.of("front@acme", "ACME", "back@acme", "ACME")), SilenceCheck.NONE);

        driver.raise(SampleAlerts.clientMovesToLocal("front@acme", 3));
        driver.pass(Duration.ofSeconds(10));
        driver.raise(SampleAlerts.massRemoval("back@acme", 150, 5));
        driver.raise(SampleAlerts.clientMovesToLocal("office@other", 3));
        driver.pass(Duration.ofSeconds(10));
        assertThat(slack.taken()).as("still within group-wait").isEmpty();
        driver.pass(Duration.ofSeconds(15));

        assertThat(slack.taken()).singleElement().satisfies(notice -> {
            assertThat(notice.receiver()).isEqualTo("acme-desk");
            assertThat(notice.alerts()).extracting(Alert::account).containsExactly("front@acme", "back@acme");
            assertThat(notice.key()).startsWith("acme:");
        });
        assertThat(email.taken()).extracting(notice -> notice.first().account()).containsExactly("office@other");

        // news of the group waits out group-interval after the group last spoke
        driver.raise(SampleAlerts.updated(SampleAlerts.massRemoval("back@acme", 150, 5), 400));
        driver.pass(Duration.ofMinutes(4));
        assertThat(slack.taken()).hasSize(1);
        driver.pass(Duration.ofMinutes(2));
        assertThat(slack.taken()).hasSize(2);
        assertThat(slack.taken().get(1).alerts()).singleElement()
                .satisfies(alert -> assertThat(alert.count()).isEqualTo(400));
    }

    @Test
    void watcherBlindMutesTheAccountsOtherAlertsUntilItResolvesThenTheStillOpenOnesAreTold() {
        defaultRouting();
        Alert blind = SampleAlerts.watcherBlind("office");
        Alert filter = SampleAlerts.clientMovesToLocal("office", 3);
        Alert elsewhere = SampleAlerts.clientMovesToLocal("shop", 3);

        driver.raise(blind);
        driver.raise(filter);
        driver.raise(elsewhere);
        driver.pass(Duration.ofSeconds(3));
        assertThat(email.taken()).extracting(notice -> notice.first().alertKey())
                .containsExactly(blind.alertKey(), elsewhere.alertKey());

        driver.raise(SampleAlerts.resolved(blind));
        driver.pass(Duration.ofSeconds(3));

        assertThat(email.taken()).extracting(notice -> notice.first().alertKey() + " " + notice.first().status())
                .containsExactlyInAnyOrder(blind.alertKey() + " FIRING", elsewhere.alertKey() + " FIRING",
                        blind.alertKey() + " RESOLVED", filter.alertKey() + " FIRING")
                .startsWith(blind.alertKey() + " FIRING", elsewhere.alertKey() + " FIRING");
    }

    @Test
    void aMutedAlertThatResolvesWhileMutedIsNeverTold() {
        defaultRouting();
        Alert mass = SampleAlerts.massRemoval("office", 300, 5);
        Alert filter = SampleAlerts.clientMovesToLocal("office", 3);

        driver.raise(mass);
        driver.pass(Duration.ofSeconds(2));
        driver.raise(filter);
        driver.raise(SampleAlerts.resolved(filter));
        driver.raise(SampleAlerts.resolved(mass));
        driver.pass(Duration.ofSeconds(3));

        assertThat(email.taken()).extracting(notice -> notice.first().alertKey() + " " + notice.first().status())
                .containsExactly(mass.alertKey() + " FIRING", mass.alertKey() + " RESOLVED");
    }

    @Test
    void aSilenceMutesExactlyItsMatchesAndTheyAreToldWhenItEnds() {
        boolean[] silenced = {true};
        driver = new DispatchDriver(RouteTree.single(Receiver.DEFAULT, Grouping.DEFAULT),
                List.of(new Receiver(Receiver.DEFAULT, List.of(email), Notice.Presentation.DEFAULT, true)),
                Customers.NONE, (labels, now) -> silenced[0] && "office".equals(labels.get(AlertLabels.ACCOUNT))
                        ? Optional.of("silence 42") : Optional.empty());
        driver.raise(SampleAlerts.clientMovesToLocal("office", 3));
        driver.raise(SampleAlerts.clientMovesToLocal("shop", 3));
        driver.pass(Duration.ofSeconds(3));
        assertThat(email.taken()).extracting(notice -> notice.first().account()).containsExactly("shop");

        silenced[0] = false;
        driver.pass(Duration.ofSeconds(2));

        assertThat(email.taken()).extracting(notice -> notice.first().account()).containsExactly("shop", "office");
    }

    @Test
    void anOpenGroupIsSaidAgainAfterRepeatIntervalAsAReminder() {
        defaultRouting();
        Alert blind = SampleAlerts.watcherBlind("office");
        driver.raise(blind);

        driver.pass(Duration.ofSeconds(1));
        driver.jump(Duration.ofHours(4));
        driver.pass(Duration.ofSeconds(1));

        assertThat(email.taken()).extracting(Notice::kind).containsExactly(Notice.Kind.ALERTS, Notice.Kind.REPEAT);
        assertThat(email.taken().get(1).key()).isNotEqualTo(email.taken().get(0).key());
    }

    @Test
    void aReceiverThatDoesNotWantResolvedIsNotToldOfIt() {
        driver = new DispatchDriver(RouteTree.single(Receiver.DEFAULT, Grouping.DEFAULT),
                List.of(new Receiver(Receiver.DEFAULT, List.of(email), Notice.Presentation.DEFAULT, false)),
                Customers.NONE, SilenceCheck.NONE);
        Alert firing = SampleAlerts.clientMovesToLocal("office", 3);
        driver.raise(firing);
        driver.pass(Duration.ofSeconds(2));
        driver.raise(SampleAlerts.resolved(firing));
        driver.pass(Duration.ofSeconds(2));

        assertThat(email.taken()).extracting(notice -> notice.first().status()).containsExactly(Alert.Status.FIRING);
    }

    @Test
    void anAlertThatFiredAndResolvedBeforeTheGroupSpokeIsToldOnceAsResolved() {
        defaultRouting();
        Alert firing = SampleAlerts.massRemoval("office", 300, 5);
        driver.raise(firing);
        driver.raise(SampleAlerts.resolved(firing));
        driver.pass(Duration.ofSeconds(2));

        assertThat(email.taken()).singleElement().satisfies(notice -> assertThat(notice.first().status())
                .isEqualTo(Alert.Status.RESOLVED));
    }

    @Test
    void aResolvedWhoseFiringThisNotifierNeverSawIsToldRatherThanLost() {
        defaultRouting();
        driver.raise(SampleAlerts.resolved(SampleAlerts.clientMovesToLocal("office", 3)));
        driver.pass(Duration.ofSeconds(1));

        assertThat(email.taken()).extracting(notice -> notice.first().status()).containsExactly(Alert.Status.RESOLVED);
    }

    @Test
    void anUnreadableAlertIsParkedWithItsBytesAndTheNextOneIsStillDelivered() {
        defaultRouting();
        driver.raiseRaw("office", "{not json".getBytes(StandardCharsets.UTF_8));
        driver.raise(SampleAlerts.clientMovesToLocal("office", 1));
        driver.pass(Duration.ofSeconds(2));

        assertThat(driver.unreadableAlerts()).singleElement()
                .satisfies(bytes -> assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("{not json"));
        assertThat(email.taken()).hasSize(1);
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }
}

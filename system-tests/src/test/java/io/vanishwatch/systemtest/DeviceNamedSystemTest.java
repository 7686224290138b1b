package io.vanishwatch.systemtest;

import static io.vanishwatch.systemtest.Sightings.WAIT;
import static io.vanishwatch.systemtest.Sightings.awaitArrivals;
import static io.vanishwatch.systemtest.Sightings.awaitWatched;
import static io.vanishwatch.systemtest.Sightings.webhookAlerts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Disappearance;
import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.Topics;
import io.vanishwatch.local.mail.MailAccount;
import io.vanishwatch.local.office.DeviceAction;
import io.vanishwatch.local.office.OfficeMailSource.Kind;
import io.vanishwatch.local.office.PopDevice;
import io.vanishwatch.local.office.SimulatedOffice;

/**
 * Naming the device, end to end on a real Dovecot whose own log the collector follows: five devices, each with its
 * IMAP ID and its own loopback address, one of them taking new mail off the server; a POP3 device that downloads and
 * deletes; two devices with a wrong password.
 */
class DeviceNamedSystemTest {

    private static final String OFFICE = "office";
    private static final String SHOP = "shop";
    private static final String CLINIC = "clinic";

    private static VanishwatchOnDovecot system;

    @BeforeAll
    static void startTheSystem() {
        Map<String, String> settings = new java.util.HashMap<>(VanishwatchOnDovecot.ANALYZER_SETTINGS);
        // a POP3 device checking every 5 s: its batches are a second apart at most
        settings.put("vanishwatch.analyzer.download-and-delete.batch-gap", "2s");
        settings.put("vanishwatch.analyzer.login-failures.min-count", "4");
        system = VanishwatchOnDovecot.start(settings, dovecot -> { }, true, OFFICE, SHOP, CLINIC);
    }

    @AfterAll
    static void stopTheSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void theMacThatTakesNewMailOffTheServerIsNamedWithItsAddressAndNoOtherDeviceIs() {
        SimulatedOffice office = SimulatedOffice.builder(system.dovecot.account(OFFICE), OFFICE + "@mail.example",
                system.dovecot.mailDrop(OFFICE)).distinctAddresses().build();
        try (office; TopicReader<MailboxEvent> events = new TopicReader<>(system.kafka.bootstrapServers(),
                Topics.MAILBOX_EVENTS, OFFICE);
             TopicReader<Disappearance> disappearances = new TopicReader<>(system.kafka.bootstrapServers(),
                     Topics.DISAPPEARANCES, OFFICE)) {
            awaitWatched(events);
            List<String> invoices = office.deliver(Kind.SUPPLIER_INVOICE, 3);
            List<String> ordinary = office.deliver(Kind.COLLEAGUE, 2);
            awaitArrivals(events, union(invoices, ordinary));

            List<DeviceAction> actions = office.runDevicesOnce();
            assertThat(actions).filteredOn(a -> a.kind() == DeviceAction.Kind.TAKEN_OFF_SERVER)
                    .extracting(DeviceAction::device).containsOnly("Mac (front desk)");

            Alert alert = await().atMost(WAIT).until(() -> firing(OFFICE, Alert.Pattern.CLIENT_MOVES_TO_LOCAL),
                    Optional::isPresent).orElseThrow();
            assertThat(alert.summary()).contains("All 3 came from 'Mac (front desk)'", "127.0.0.2");
            assertThat(alert.facts().get(Alert.FACT_DEVICES)).contains("127.0.0.2")
                    .doesNotContain("127.0.0.3", "127.0.0.4", "127.0.0.5", "127.0.0.6");
            assertThat(alert.evidence()).allSatisfy(gone -> {
                assertThat(gone.removedByDevice()).as(gone.subject()).isNotNull();
                assertThat(gone.removedByDevice().clientName()).isEqualTo("Mac (front desk)");
                assertThat(gone.removedByDevice().clientIp()).isEqualTo("127.0.0.2");
                assertThat(gone.removedByDevice().protocol()).isEqualTo("imap");
            });
            List<Disappearance> all = await().atMost(WAIT).until(() -> disappearances.poll(),
                    seen -> seen.size() >= invoices.size());
            assertThat(all).filteredOn(d -> invoices.contains(d.messageId()))
                    .extracting(d -> d.removedByDevice().clientIp()).containsOnly("127.0.0.2");
        }
    }

    @Test
    void aPop3DeviceThatDeletesWhatItDownloadsIsNamedAsTheDownloadAndDeleteDevice() throws Exception {
        assumeThat(system.dovecot.pop3Port()).as("dovecot-pop3d is installed").isPositive();
        MailAccount shop = system.dovecot.account(SHOP);
        PopDevice oldPc = new PopDevice("Old PC", shop.from("127.0.0.7"), system.dovecot.pop3Port(), Clock.systemUTC());
        try (TopicReader<MailboxEvent> events = new TopicReader<>(system.kafka.bootstrapServers(),
                Topics.MAILBOX_EVENTS, SHOP)) {
            awaitWatched(events);
            ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
            List<DeviceAction> taken = java.util.Collections.synchronizedList(new ArrayList<>());
            try {
                // mail comes in at odd times; the old PC checks mail every 5 seconds, taking all of it
                clock.scheduleAtFixedRate(() -> order(SHOP), 0, 2300, TimeUnit.MILLISECONDS);
                clock.scheduleAtFixedRate(() -> taken.addAll(oldPc.checkOnce()), 1000, 5000, TimeUnit.MILLISECONDS);

                Alert alert = await().atMost(WAIT).until(() -> firing(SHOP, Alert.Pattern.DOWNLOAD_AND_DELETE),
                        Optional::isPresent).orElseThrow();
                assertThat(alert.summary()).contains("POP3", "127.0.0.7");
                assertThat(alert.facts()).containsKey(Alert.FACT_INTERVAL);
                assertThat(alert.evidence()).isNotEmpty().allSatisfy(gone -> {
                    assertThat(gone.removedByDevice().protocol()).isEqualTo("pop3");
                    assertThat(gone.removedByDevice().clientIp()).isEqualTo("127.0.0.7");
                });
                assertThat(taken).isNotEmpty();
            } finally {
                clock.shutdownNow();
            }
        }
    }

    @Test
    void twoDevicesWithAWrongPasswordAreNamedByTheirAddresses() {
        MailAccount clinic = system.dovecot.account(CLINIC);
        List<MailAccount> stale = List.of(
                new MailAccount(clinic.host(), clinic.port(), CLINIC, "the-old-password", "127.0.0.8"),
                new MailAccount(clinic.host(), clinic.port(), CLINIC, "the-old-password", "127.0.0.9"));
        for (int attempt = 0; attempt < 2; attempt++) {
            for (MailAccount device : stale) {
                try {
                    device.connect().close();
                    throw new AssertionError("a wrong password logged in");
                } catch (AuthenticationFailedException expected) {
                    // as the device's owner would see it
                } catch (MessagingException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        Alert alert = await().atMost(WAIT).until(() -> firing(CLINIC, Alert.Pattern.LOGIN_FAILURES),
                Optional::isPresent).orElseThrow();
        assertThat(alert.summary()).contains("127.0.0.8", "127.0.0.9", "fail to log in to " + CLINIC);
        assertThat(webhookAlerts(system.webhook, CLINIC)).extracting(Alert::pattern)
                .doesNotContain(Alert.Pattern.WATCHER_BLIND);
    }

    private static Optional<Alert> firing(String account, Alert.Pattern pattern) {
        return webhookAlerts(system.webhook, account).stream()
                .filter(alert -> alert.pattern() == pattern && alert.status() == Alert.Status.FIRING).findFirst();
    }

    /** A new order arrives in the shop's INBOX. */
    private static void order(String account) {
        try {
            MimeMessage order = new MimeMessage(Session.getInstance(new Properties()));
            order.setFrom("orders@webshop.example");
            order.setRecipients(Message.RecipientType.TO, account + "@mail.example");
            order.setSubject("Order " + System.nanoTime());
            order.setText("One box of paper, please.");
            system.dovecot.mailDrop(account).deliver(order);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> union(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}

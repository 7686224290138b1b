package io.vanishwatch.notifier.delivery.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import io.vanishwatch.events.Alert;
import io.vanishwatch.notifier.SampleAlerts;
import io.vanishwatch.notifier.content.SampleNotices;
import io.vanishwatch.notifier.delivery.Notice;
import org.junit.jupiter.api.Test;

class AlertEmailTest {

    private final AlertEmail email = new AlertEmail();
    private final Alert alert = SampleAlerts.clientMovesToLocal("office@demo.example", 3);

    @Test
    void subjectNamesStatusSeverityAccountCountAndPattern() {
        assertThat(subject(alert)).isEqualTo("[Vanishwatch] FIRING CRITICAL office@demo.example: "
                + "3 unread messages vanished (client moves new mail to local storage)");
    }

    @Test
    void bodyGivesSummaryAdviceAndEachMessageAsAReadableList() {
        String body = body(alert);

        assertThat(body)
                .contains("3 unread messages left INBOX")
                .contains("What to do:\nCheck each device's junk filter")
                .contains("1. \"Invoice 4711\" from billing@supplier.example")
                .contains("arrived 2025-03-10 09:14:02 UTC in INBOX, removed after 42 s, unread")
                .contains("where it went: gone from the server")
                .contains("Message-ID: <inv-4711@supplier.example>")
                .contains("3. \"Order 88 confirmed\" from orders@shop.example")
                .contains("removed after 1 h 1 min")
                .contains("First seen: 2025-03-10 09:14:02 UTC")
                .contains("Alert key: office@demo.example/CLIENT_MOVES_TO_LOCAL");
    }

    @Test
    void resolvedSubjectSaysResolved() {
        assertThat(subject(SampleAlerts.resolved(alert))).startsWith("[Vanishwatch] RESOLVED CRITICAL office@demo.example:");
    }

    @Test
    void timesAreShownInTheConfiguredZone() {
        Notice berlin = SampleNotices.of(alert, new Notice.Presentation("en", "Europe/Berlin", Optional.empty()));

        assertThat(email.body(berlin)).contains("First seen: 2025-03-10 10:14:02 CET");
    }

    @Test
    void updatedSubjectGivesTheNewCountAsNews() {
        Alert updated = SampleAlerts.updated(SampleAlerts.massRemoval("office@demo.example", 50, 25), 120);

        assertThat(subject(updated))
                .isEqualTo("[Vanishwatch] UPDATED CRITICAL office@demo.example: now 120 messages removed (mass removal)");
    }

    @Test
    void bodyOfAMassRemovalSaysWhichPartOfTheMessagesItLists() {
        String body = body(SampleAlerts.massRemoval("office@demo.example", 3000, 25));

        assertThat(body)
                .contains("Messages: 3000\n")
                .contains("The latest 20 of 3000 messages:\n")
                .contains("… and 2980 more")
                .doesNotContain("The messages (");
    }

    @Test
    void bodyOfABlindWatchGivesTheReasonAndCountsNoMessages() {
        Alert blind = SampleAlerts.watcherBlind("office@demo.example");

        assertThat(subject(blind)).isEqualTo("[Vanishwatch] FIRING CRITICAL office@demo.example: "
                + "Vanishwatch cannot read this account (watcher blind)");
        assertThat(body(blind))
                .contains("Blind since 2025-03-10 09:14:02 UTC: login refused — AUTHENTICATE failed\n")
                .doesNotContain("Messages:", "The messages");
    }

    @Test
    void failedLoginsAndNewDevicesAreCountedAsSuchAndTheDevicesAreNamed() {
        Alert failing = SampleAlerts.loginFailures("office@demo.example", 5);
        Alert added = SampleAlerts.newDevice("office@demo.example");

        assertThat(subject(failing)).isEqualTo("[Vanishwatch] FIRING WARNING office@demo.example: "
                + "5 failed logins (logins failing)");
        assertThat(body(failing)).contains("Failed logins: 5\n",
                        "Devices (from the mail server's log): 'iPhone Mail' at 192.0.2.15=4, 'Thunderbird' at 192.0.2.16=1")
                .doesNotContain("Messages:");
        assertThat(subject(added)).isEqualTo("[Vanishwatch] FIRING INFO office@demo.example: "
                + "1 new device (new device on the account)");
        assertThat(body(added)).contains("New devices: 1\n").doesNotContain("Messages:");
    }

    @Test
    void bodyOfAMailboxResetCountsResets() {
        Alert reset = SampleAlerts.mailboxReset("office@demo.example", 2, "INBOX");

        assertThat(subject(reset)).isEqualTo("[Vanishwatch] FIRING INFO office@demo.example: "
                + "2 folder resets by the server: INBOX (mailbox reset)");
        assertThat(body(reset)).contains("Resets: 2\n").doesNotContain("Messages:");
    }

    private String subject(Alert alert) {
        return email.subject(Notice.of(alert));
    }

    private String body(Alert alert) {
        return email.body(Notice.of(alert));
    }
}

package io.vanishwatch.notifier.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import io.vanishwatch.events.Alert;
import io.vanishwatch.notifier.SampleAlerts;
import org.junit.jupiter.api.Test;

class AlertTextTest {

    private final AlertText text = new AlertText(ZoneId.of("UTC"));

    @Test
    void paragraphMentionsAccountCountSendersSubjectsAndAdvice() {
        Alert alert = SampleAlerts.clientMovesToLocal("office@demo.example", 3);

        String paragraph = text.paragraph(alert);

        assertThat(paragraph)
                .doesNotContain("\n")
                .contains("office@demo.example")
                .contains("3 unread messages vanished")
                .contains("The messages (3): \"Invoice 4711\" from billing@supplier.example (arrived 2025-03-10"
                        + " 09:14:02 UTC in INBOX, removed after 42 s, unread); \"Invoice 4712\" from")
                .contains("\"Order 88 confirmed\" from orders@shop.example")
                .contains("Likely cause: a device's junk filter")
                .contains("What to do: Check each device's junk filter");
        for (String subject : new String[] {"Invoice 4711", "Invoice 4712", "Order 88 confirmed"}) {
            assertThat(paragraph.split(subject, -1)).as("each message once: " + subject).hasSize(2);
        }
    }

    @Test
    void theEvidenceSaysWhichDeviceRemovedEachMessageAndHow() {
        Alert alert = SampleAlerts.clientMovesToLocal("office", 1);
        io.vanishwatch.events.Disappearance gone = alert.evidence().get(0);
        io.vanishwatch.events.RemovedBy mac = new io.vanishwatch.events.RemovedBy("Mac OS X Mail", null, "192.0.2.14",
                "s1", "imap", io.vanishwatch.events.RemovedBy.Action.EXPUNGE_AFTER_DELETE, null, gone.removedAt());
        Alert attributed = new Alert(alert.alertKey(), alert.status(), alert.pattern(), alert.severity(),
                alert.account(), alert.firstSeen(), alert.lastSeen(), alert.count(), alert.summary(), alert.advice(),
                java.util.List.of(gone.withRemovedBy("'Mac OS X Mail' at 192.0.2.14 (imap session s1)", mac)),
                Map.of(Alert.FACT_DEVICES, "'Mac OS X Mail' at 192.0.2.14=1"));

        assertThat(text.evidenceList(attributed)).contains(
                "removed by: 'Mac OS X Mail' at 192.0.2.14 (imap session s1), deleted (\\Deleted, then expunged)\n");
        assertThat(text.facts(attributed)).contains("Devices (from the mail server's log): 'Mac OS X Mail' at 192.0.2.14=1");
    }

    @Test
    void oneMessageIsSingular() {
        assertThat(text.headline(SampleAlerts.clientMovesToLocal("office", 1))).contains("1 unread message vanished (");
    }

    @Test
    void mailFiledIntoAFolderIsNotSaidToHaveVanished() {
        Alert vanished = SampleAlerts.clientMovesToLocal("office", 3);
        Alert filed = new Alert(Alert.alertKey("office", Alert.Pattern.MOVED_TO_FOLDER), vanished.status(),
                Alert.Pattern.MOVED_TO_FOLDER, Alert.Severity.WARNING, "office", vanished.firstSeen(),
                vanished.lastSeen(), 3, "filed", "check the rules", vanished.evidence(), null);

        assertThat(text.headline(filed)).contains("3 unread messages filed away (filed into another folder on the"
                + " server)").doesNotContain("vanished");
    }

    @Test
    void dwellTimesReadLikeAPersonWouldSayThem() {
        assertThat(AlertText.dwell(Duration.ofSeconds(42))).isEqualTo("42 s");
        assertThat(AlertText.dwell(Duration.ofSeconds(185))).isEqualTo("3 min 5 s");
        assertThat(AlertText.dwell(Duration.ofMinutes(130))).isEqualTo("2 h 10 min");
        assertThat(AlertText.dwell(Duration.ofHours(27))).isEqualTo("1 d 3 h");
    }

    @Test
    void clientMovesToLocalSaysWhatHappenedThenWhereItStandsThenTheTotal() {
        Alert firing = SampleAlerts.clientMovesToLocal("office", 3);

        assertThat(text.headline(firing))
                .isEqualTo("FIRING CRITICAL office: 3 unread messages vanished (client moves new mail to local storage)");
        assertThat(text.headline(SampleAlerts.updated(firing, 5)))
                .isEqualTo("UPDATED CRITICAL office: now 5 unread messages vanished (client moves new mail to local storage)");
        assertThat(text.headline(SampleAlerts.resolved(SampleAlerts.updated(firing, 7)))).isEqualTo(
                "RESOLVED CRITICAL office: 7 unread messages vanished in total (client moves new mail to local storage)");
    }

    @Test
    void mailMovedToJunkIsSaidToBeInJunk() {
        Alert junk = SampleAlerts.as(SampleAlerts.clientMovesToLocal("office", 3), Alert.Pattern.MOVED_TO_JUNK,
                Alert.Severity.WARNING);

        assertThat(text.headline(junk))
                .isEqualTo("FIRING WARNING office: 3 unread messages moved to Junk (moved to Junk on the server)");
    }

    @Test
    void unreadMailMovedToTrashIsSaidToBeDeleted() {
        Alert deleted = SampleAlerts.as(SampleAlerts.clientMovesToLocal("office", 3), Alert.Pattern.DELETED_UNREAD,
                Alert.Severity.WARNING);

        assertThat(text.headline(deleted)).isEqualTo("FIRING WARNING office: 3 unread messages deleted (deleted unread)");
        assertThat(text.headline(SampleAlerts.updated(deleted, 6)))
                .isEqualTo("UPDATED WARNING office: now 6 unread messages deleted (deleted unread)");
    }

    @Test
    void aPopStyleDeviceIsNamedWithItsIntervalAndWithoutSayingUnread() {
        // the evidence happens to be unread, but the pattern counts read mail too
        Alert pop = SampleAlerts.withFacts(SampleAlerts.as(SampleAlerts.clientMovesToLocal("office", 12),
                Alert.Pattern.DOWNLOAD_AND_DELETE, Alert.Severity.WARNING), Map.of(Alert.FACT_INTERVAL, "PT15M"));

        assertThat(text.headline(pop)).isEqualTo(
                "FIRING WARNING office: 12 messages downloaded and deleted (POP-style device, every 15 min)");
        assertThat(text.headline(SampleAlerts.withFacts(pop, Map.of(Alert.FACT_INTERVAL, "PT1H30M"))))
                .endsWith("(POP-style device, every 1 h 30 min)");
        assertThat(text.headline(SampleAlerts.withFacts(pop, Map.of()))).endsWith("deleted (POP-style device)");
        assertThat(text.headline(SampleAlerts.resolved(pop))).isEqualTo(
                "RESOLVED WARNING office: 12 messages downloaded and deleted in total (POP-style device, every 15 min)");
    }

    @Test
    void aMassRemovalCountsMessagesRemovedReadOrNot() {
        Alert mass = SampleAlerts.massRemoval("office", 50, 25);

        assertThat(text.headline(mass)).isEqualTo("FIRING CRITICAL office: 50 messages removed (mass removal)");
        assertThat(text.headline(SampleAlerts.updated(mass, 120)))
                .isEqualTo("UPDATED CRITICAL office: now 120 messages removed (mass removal)");
        assertThat(text.headline(SampleAlerts.resolved(SampleAlerts.updated(mass, 3000))))
                .isEqualTo("RESOLVED CRITICAL office: 3000 messages removed in total (mass removal)");
    }

    @Test
    void evidenceOfAFewOfThousandsSaysHowManyMoreThereAre() {
        Alert mass = SampleAlerts.massRemoval("office", 3000, 25);

        assertThat(text.evidenceList(mass))
                .contains(" 20. \"Old thread 19\"")
                .doesNotContain("Old thread 20")
                .endsWith("     … and 2980 more\n");
        assertThat(text.paragraph(mass)).contains("The latest 20 of 3000 messages: \"Old thread 0\"")
                .contains("\"Old thread 19\"").doesNotContain("Old thread 20").contains("; … and 2980 more.");
    }

    @Test
    void completeEvidenceHasNothingMore() {
        Alert all = SampleAlerts.clientMovesToLocal("office", 3);

        assertThat(text.evidenceList(all)).doesNotContain("more");
        assertThat(text.paragraph(all)).contains("The messages (3):").doesNotContain("latest", "more");
    }

    @Test
    void aMailboxResetIsInformationAboutFoldersNotAboutMessages() {
        Alert reset = SampleAlerts.mailboxReset("office", 1, "INBOX");

        assertThat(text.headline(reset)).isEqualTo("FIRING INFO office: 1 folder reset by the server: INBOX (mailbox reset)");
        assertThat(text.headline(SampleAlerts.updated(SampleAlerts.mailboxReset("office", 1, "INBOX, Archive"), 3)))
                .isEqualTo("UPDATED INFO office: now 3 folder resets by the server: INBOX, Archive (mailbox reset)");
        assertThat(text.headline(SampleAlerts.resolved(reset)))
                .isEqualTo("RESOLVED INFO office: 1 folder reset by the server in total: INBOX (mailbox reset)");
        assertThat(text.paragraph(reset)).doesNotContain("message", "vanished");
    }

    @Test
    void aBlindWatchSaysItCannotReadTheAccountWhySinceWhenAndWhenItCanAgain() {
        Alert blind = SampleAlerts.watcherBlind("office");

        assertThat(text.headline(blind))
                .isEqualTo("FIRING CRITICAL office: Vanishwatch cannot read this account (watcher blind)");
        assertThat(text.paragraph(blind))
                .contains("Blind since 2025-03-10 09:14:02 UTC: login refused — AUTHENTICATE failed.")
                .doesNotContain("message");
        assertThat(text.headline(SampleAlerts.updated(blind, 2)))
                .isEqualTo("UPDATED CRITICAL office: Vanishwatch still cannot read this account (watcher blind)");
        Alert resolved = SampleAlerts.resolved(blind);
        assertThat(text.headline(resolved))
                .isEqualTo("RESOLVED CRITICAL office: Vanishwatch can read this account again (watcher blind)");
        assertThat(text.paragraph(resolved)).contains("It had been blind since 2025-03-10 09:14:02 UTC: login refused");
    }

    @Test
    void eachWatchStateIsNamedInWords() {
        Alert blind = SampleAlerts.watcherBlind("office");

        assertThat(text.facts(SampleAlerts.withFacts(blind, Map.of(Alert.FACT_WATCH_STATE, "UNREACHABLE"))))
                .containsExactly("Blind: server unreachable");
        assertThat(text.facts(SampleAlerts.withFacts(blind, Map.of(Alert.FACT_WATCH_STATE, "TLS_FAILED",
                Alert.FACT_REASON, "certificate expired")))).containsExactly("Blind: TLS connection failed — certificate expired");
        assertThat(text.facts(SampleAlerts.withFacts(blind, Map.of()))).isEmpty();
    }

    @Test
    void patternsHeldBackByADominantAlertAreNamedWithTheirCounts() {
        Alert mass = SampleAlerts.withFacts(SampleAlerts.massRemoval("office", 120, 25),
                Map.of(Alert.FACT_HELD_BACK, "DELETED_UNREAD=4, CLIENT_MOVES_TO_LOCAL=7"));

        assertThat(text.paragraph(mass)).contains(
                "Also matching, held back: deleted unread (4), client moves new mail to local storage (7).");
        assertThat(text.facts(SampleAlerts.withFacts(mass, Map.of(Alert.FACT_HELD_BACK, "SOMETHING_NEW=2"))))
                .containsExactly("Also matching, held back: SOMETHING_NEW=2");
        assertThat(text.paragraph(SampleAlerts.massRemoval("office", 120, 25))).doesNotContain("held back");
    }
}

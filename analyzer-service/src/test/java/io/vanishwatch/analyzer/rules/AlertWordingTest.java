package io.vanishwatch.analyzer.rules;

import static io.vanishwatch.analyzer.Mail.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.vanishwatch.analyzer.Mail;
import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Disappearance;
import io.vanishwatch.events.FolderRole;

class AlertWordingTest {

    private static final Duration WINDOW = Duration.ofSeconds(10);
    private final PatternRule clientFilter = AnalyzerSettings.defaults().patterns().get(0);
    private final PatternRule junkMove = AnalyzerSettings.defaults().patterns().get(1);

    private static Disappearance gone(int n, String from, String subject, int secondsAfterT0, Duration dwell) {
        Disappearance d = Mail.goneUnread("office@demo.example", n, T0.plusSeconds(secondsAfterT0), dwell);
        return new Disappearance(d.account(), d.folder(), d.folderRole(), d.uidValidity(), d.uid(), d.messageId(), from,
                subject, d.arrivedAt(), d.removedAt(), null, d.dwellTime(), false, d.destination(), null, null, null,
                d.basis(), d.checkedAt(), d.foldersChecked(), d.removedByDevice());
    }

    private static Episode firing(List<Disappearance> evidence) {
        return new Episode(Alert.Pattern.CLIENT_MOVES_TO_LOCAL, "office@demo.example", true,
                evidence.get(0).removedAt(), evidence.get(evidence.size() - 1).removedAt(), evidence.size(), evidence);
    }

    @Test
    void theClientFilterSummaryNamesAccountCountDwellSendersAndSubjects() {
        Episode episode = firing(List.of(
                gone(1, "billing@supplier.example", "Invoice 4711", 0, Duration.ofSeconds(50)),
                gone(2, "billing@supplier.example", "Invoice 4712", 40, Duration.ofSeconds(95)),
                gone(3, "news@shop.example", "Spring sale", 80, Duration.ofSeconds(20))));

        Alert alert = AlertWording.firing(clientFilter, episode, WINDOW);

        assertThat(alert.summary()).startsWith("3 unread messages vanished from INBOX of office@demo.example within"
                + " 95 seconds of arriving; they are in no folder on the server.");
        assertThat(alert.summary()).contains("billing@supplier.example (2)", "news@shop.example",
                "\"Invoice 4711\"", "\"Invoice 4712\"", "\"Spring sale\"", "2026-03-02 09:00:00 UTC");
        assertThat(alert.advice()).contains("junk-mail filter", "On My Mac", "not lost", "on that device",
                "server's logs", "which device");
        assertThat(alert.severity()).isEqualTo(Alert.Severity.CRITICAL);
        assertThat(alert.evidence()).hasSize(3);
    }

    @Test
    void theJunkSummarySaysTheMailIsHiddenInJunkNotLost() {
        List<Disappearance> evidence = List.of(
                Mail.movedToJunkUnread("office", 1, T0, Duration.ofMinutes(2)),
                Mail.movedToJunkUnread("office", 2, T0.plusSeconds(10), Duration.ofSeconds(30)),
                Mail.movedToJunkUnread("office", 3, T0.plusSeconds(20), Duration.ofSeconds(30)));
        Episode episode = new Episode(Alert.Pattern.MOVED_TO_JUNK, "office", true, T0, T0.plusSeconds(20), 3, evidence);

        Alert alert = AlertWording.firing(junkMove, episode, WINDOW);

        assertThat(alert.summary()).startsWith("3 unread messages were moved from INBOX of office to Junk within"
                + " 2 minutes of arriving; they are hidden there, not lost.");
        assertThat(alert.advice()).contains("Junk folder on the server", "not junk");
    }

    @Test
    void theResolvedSummarySaysHowLongItHasBeenQuietAndHowManyThereWere() {
        Episode episode = firing(List.of(
                gone(1, "a@x", "A", 0, Duration.ofSeconds(5)),
                gone(2, "b@x", "B", 60, Duration.ofSeconds(5)),
                gone(3, "c@x", "C", 120, Duration.ofSeconds(5))));

        Alert alert = AlertWording.resolved(clientFilter, episode);

        assertThat(alert.status()).isEqualTo(Alert.Status.RESOLVED);
        assertThat(alert.summary()).isEqualTo("No more unread messages have vanished from INBOX of office@demo.example"
                + " for 15 minutes; 3 messages vanished between 2026-03-02 09:00:00 UTC and 2026-03-02 09:02:00 UTC.");
    }

    @Test
    void longListsOfSendersAreShortened() {
        List<Disappearance> many = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            many.add(gone(i, "sender" + i + "@x", "Subject " + i, i, Duration.ofSeconds(5)));
        }
        assertThat(AlertWording.firing(clientFilter, firing(many), WINDOW).summary()).contains("and 3 more");
    }

    @Test
    void aDisappearanceReadsAsOneLine() {
        Disappearance d = Mail.goneUnread("office", 4, T0, Duration.ofSeconds(42));

        assertThat(AlertWording.describe(d, WINDOW)).isEqualTo("office INBOX uid 4: \"Invoice 4\" from billing@supplier.example"
                + " <msg-4@supplier.example>, arrived 2026-03-02 08:59:18 UTC, removed 2026-03-02 09:00:00 UTC"
                + " after 42 seconds, unread, gone from the server (checked 6 other folders at 09:00:00 UTC)");
        assertThat(AlertWording.describe(Mail.movedToJunkUnread("office", 4, T0, Duration.ofSeconds(42)), WINDOW))
                .endsWith("unread, moved to Junk (JUNK), found there at 09:00:00 UTC");
        assertThat(AlertWording.describe(Mail.disappearance("office", 4, T0, Duration.ofSeconds(1), true,
                Disappearance.Destination.MOVED, "Archive", FolderRole.ARCHIVE), WINDOW)).contains(", read, moved to Archive");
    }

    @Test
    void durationsAreRoundedUpToWordsAPersonWouldUse() {
        assertThat(AlertWording.humanDuration(Duration.ofSeconds(1))).isEqualTo("1 second");
        assertThat(AlertWording.humanDuration(Duration.ofMillis(40_200))).isEqualTo("41 seconds");
        assertThat(AlertWording.humanDuration(Duration.ofSeconds(130))).isEqualTo("3 minutes");
        assertThat(AlertWording.humanDuration(Duration.ofMinutes(15))).isEqualTo("15 minutes");
        assertThat(AlertWording.humanDuration(Duration.ofHours(3))).isEqualTo("3 hours");
        assertThat(AlertWording.humanDuration(null)).isEqualTo("an unknown time");
    }

    /** The same disappearance as decided without a verdict: by the window passing, or by an arrival seen elsewhere. */
    private static Disappearance withBasis(Disappearance d, Disappearance.Basis basis) {
        return new Disappearance(d.account(), d.folder(), d.folderRole(), d.uidValidity(), d.uid(), d.messageId(),
                d.from(), d.subject(), d.arrivedAt(), d.removedAt(), d.lastSeenAt(), d.dwellTime(),
                d.readBeforeRemoval(), d.destination(), d.movedToFolder(), d.movedToRole(), d.removedBy(), basis,
                null, null, d.removedByDevice());
    }

    @Test
    void aLineSaysWhatTheDestinationRestsOn() {
        Disappearance checkedGone = Mail.goneUnread("office", 4, T0.plusSeconds(3), Duration.ofSeconds(42));
        Disappearance windowPassed = withBasis(checkedGone, Disappearance.Basis.WINDOW_PASSED);
        Disappearance seenInJunk = withBasis(Mail.movedToJunkUnread("office", 5, T0, Duration.ofSeconds(42)),
                Disappearance.Basis.ARRIVAL_SEEN);

        assertThat(AlertWording.describe(checkedGone, WINDOW))
                .endsWith(", gone from the server (checked 6 other folders at 09:00:03 UTC)");
        assertThat(AlertWording.describe(windowPassed, WINDOW))
                .endsWith(", gone from the server (did not appear in any watched folder within 10 seconds)")
                .doesNotContain("checked");
        assertThat(AlertWording.describe(seenInJunk, WINDOW))
                .endsWith(", moved to Junk (JUNK), seen arriving there within 10 seconds of its removal");
    }

    @Test
    void aCheckOnAnotherDayThanTheRemovalShowsItsDate() {
        Disappearance d = Mail.goneUnread("office", 4, Instant.parse("2026-03-02T23:59:59Z"), Duration.ofSeconds(5));
        Disappearance checkedAfterMidnight = new Disappearance(d.account(), d.folder(), d.folderRole(), d.uidValidity(),
                d.uid(), d.messageId(), d.from(), d.subject(), d.arrivedAt(), d.removedAt(), null, d.dwellTime(), false,
                d.destination(), null, null, null, Disappearance.Basis.FOLDER_CHECK,
                Instant.parse("2026-03-03T00:00:01Z"), List.of("Junk"), null);

        assertThat(AlertWording.describe(checkedAfterMidnight, WINDOW))
                .endsWith("(checked 1 other folder at 2026-03-03 00:00:01 UTC)");
    }

    @Test
    void theClientFilterSummarySaysEachWasLookedForWhenEveryOneWasChecked() {
        Episode episode = firing(List.of(
                gone(1, "a@x", "A", 0, Duration.ofSeconds(5)),
                gone(2, "b@x", "B", 60, Duration.ofSeconds(5)),
                gone(3, "c@x", "C", 120, Duration.ofSeconds(5))));

        assertThat(AlertWording.firing(clientFilter, episode, WINDOW).summary()).contains("within 5 seconds of arriving;"
                + " they are in no folder on the server. Each was looked for in the 6 other folders of the account"
                + " right after its removal.");
    }

    @Test
    void theClientFilterSummaryIsWeakerWhereNoCheckWasPossible() {
        Episode unchecked = firing(List.of(
                withBasis(gone(1, "a@x", "A", 0, Duration.ofSeconds(5)), Disappearance.Basis.WINDOW_PASSED),
                withBasis(gone(2, "b@x", "B", 60, Duration.ofSeconds(5)), Disappearance.Basis.WINDOW_PASSED),
                withBasis(gone(3, "c@x", "C", 120, Duration.ofSeconds(5)), Disappearance.Basis.WINDOW_PASSED)));
        Episode mixed = firing(List.of(
                gone(1, "a@x", "A", 0, Duration.ofSeconds(5)),
                gone(2, "b@x", "B", 60, Duration.ofSeconds(5)),
                withBasis(gone(3, "c@x", "C", 120, Duration.ofSeconds(5)), Disappearance.Basis.WINDOW_PASSED)));

        String none = AlertWording.firing(clientFilter, unchecked, WINDOW).summary();
        String some = AlertWording.firing(clientFilter, mixed, WINDOW).summary();

        assertThat(none).startsWith("3 unread messages vanished from INBOX of office@demo.example within 5 seconds of"
                        + " arriving; none of them appeared in any watched folder within 10 seconds, so they are most"
                        + " likely in no folder on the server.")
                .doesNotContain("they are in no folder on the server").contains("\"A\"", "a@x");
        assertThat(some).contains("2 of them are in no folder on the server (looked for in the 6 other folders of the"
                        + " account right after removal); the other 1 did not appear in any watched folder within"
                        + " 10 seconds.")
                .doesNotContain("they are in no folder on the server");
    }

    @Test
    void theFolderSummaryNamesEveryFolderAndHowEachDestinationIsKnown() {
        PatternRule folderMove = AnalyzerSettings.defaults().patterns().get(2);
        Disappearance toNewsletters = Mail.disappearance("office", 1, T0, Duration.ofSeconds(30), false,
                Disappearance.Destination.MOVED, "Newsletters", FolderRole.OTHER);
        Disappearance toArchive = Mail.disappearance("office", 2, T0.plusSeconds(60), Duration.ofSeconds(30), false,
                Disappearance.Destination.MOVED, "Archive", FolderRole.ARCHIVE);
        Disappearance toAllMail = Mail.disappearance("office", 3, T0.plusSeconds(120), Duration.ofSeconds(30), false,
                Disappearance.Destination.MOVED, "[Gmail]/All Mail", FolderRole.ALL_MAIL);
        List<Disappearance> checked = List.of(toNewsletters, toArchive, toAllMail);
        List<Disappearance> oneSeen = List.of(toNewsletters, toArchive,
                withBasis(toAllMail, Disappearance.Basis.ARRIVAL_SEEN));

        String allChecked = AlertWording.firing(folderMove, new Episode(Alert.Pattern.MOVED_TO_FOLDER, "office", true,
                T0, T0.plusSeconds(120), 3, checked), WINDOW).summary();
        String partlySeen = AlertWording.firing(folderMove, new Episode(Alert.Pattern.MOVED_TO_FOLDER, "office", true,
                T0, T0.plusSeconds(120), 3, oneSeen), WINDOW).summary();

        assertThat(allChecked).startsWith("3 unread messages were filed from INBOX of office into Newsletters, Archive,"
                + " [Gmail]/All Mail on the server within 30 seconds of arriving; they are there, not lost. Each was"
                + " found there by a check of the account's folders right after its removal.");
        assertThat(partlySeen).contains("2 were found there by a check of the account's folders right after removal,"
                + " 1 seen arriving there within 10 seconds of its removal.");
    }

    @Test
    void theFolderResolvedSummaryNamesTheFoldersTheMailWasFiledInto() {
        PatternRule folderMove = AnalyzerSettings.defaults().patterns().get(2);
        List<Disappearance> filed = List.of(
                Mail.disappearance("office", 1, T0, Duration.ofSeconds(30), false, Disappearance.Destination.MOVED,
                        "Newsletters", FolderRole.OTHER),
                Mail.disappearance("office", 2, T0.plusSeconds(60), Duration.ofSeconds(30), false,
                        Disappearance.Destination.MOVED, "Archive", FolderRole.ARCHIVE));

        assertThat(AlertWording.resolved(folderMove, new Episode(Alert.Pattern.MOVED_TO_FOLDER, "office", true, T0,
                T0.plusSeconds(60), 2, filed)).summary()).isEqualTo("No more unread messages have been filed from"
                + " INBOX of office into other folders for 15 minutes; 2 messages were filed into Newsletters, Archive"
                + " between 2026-03-02 09:00:00 UTC and 2026-03-02 09:01:00 UTC.");
    }
}

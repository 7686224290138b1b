package io.vanishwatch.analyzer.rules;

import static io.vanishwatch.analyzer.Mail.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.vanishwatch.analyzer.Mail;
import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Disappearance;
import io.vanishwatch.events.FolderRole;

class AlertWordingTest {

    private final PatternRule clientFilter = AnalyzerSettings.defaults().patterns().get(0);
    private final PatternRule junkMove = AnalyzerSettings.defaults().patterns().get(1);

    private static Disappearance gone(int n, String from, String subject, int secondsAfterT0, Duration dwell) {
        Disappearance d = Mail.goneUnread("office@demo.example", n, T0.plusSeconds(secondsAfterT0), dwell);
        return new Disappearance(d.account(), d.folder(), d.folderRole(), d.uidValidity(), d.uid(), d.messageId(), from,
                subject, d.arrivedAt(), d.removedAt(), null, d.dwellTime(), false, d.destination(), null, null, null,
                d.basis(), d.checkedAt(), d.foldersChecked());
    }

    private static Episode firing(List<Disappearance> evidence) {
        return new Episode(Alert.Pattern.CLIENT_MOVES_TO_LOCAL, "office@demo.example", true,
                evidence.get(0).removedAt(), evidence.get(evidence.size() - 1).removedAt(), evidence.size(), evidence, 0);
    }

    @Test
    void theClientFilterSummaryNamesAccountCountDwellSendersAndSubjects() {
        Episode episode = firing(List.of(
                gone(1, "billing@supplier.example", "Invoice 4711", 0, Duration.ofSeconds(50)),
                gone(2, "billing@supplier.example", "Invoice 4712", 40, Duration.ofSeconds(95)),
                gone(3, "news@shop.example", "Spring sale", 80, Duration.ofSeconds(20))));

        Alert alert = AlertWording.firing(clientFilter, episode);

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
        Episode episode = new Episode(Alert.Pattern.MOVED_TO_JUNK, "office", true, T0, T0.plusSeconds(20), 3, evidence, 0);

        Alert alert = AlertWording.firing(junkMove, episode);

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
        assertThat(AlertWording.firing(clientFilter, firing(many)).summary()).contains("and 3 more");
    }

    @Test
    void aDisappearanceReadsAsOneLine() {
        Disappearance d = Mail.goneUnread("office", 4, T0, Duration.ofSeconds(42));

        assertThat(AlertWording.describe(d)).isEqualTo("office INBOX uid 4: \"Invoice 4\" from billing@supplier.example"
                + " <msg-4@supplier.example>, arrived 2026-03-02 08:59:18 UTC, removed 2026-03-02 09:00:00 UTC"
                + " after 42 seconds, unread, gone from the server");
        assertThat(AlertWording.describe(Mail.movedToJunkUnread("office", 4, T0, Duration.ofSeconds(42))))
                .endsWith("unread, moved to Junk (JUNK)");
        assertThat(AlertWording.describe(Mail.disappearance("office", 4, T0, Duration.ofSeconds(1), true,
                Disappearance.Destination.MOVED, "Archive", FolderRole.ARCHIVE))).contains(", read, moved to Archive");
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
}

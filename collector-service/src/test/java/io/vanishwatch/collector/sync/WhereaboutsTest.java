package io.vanishwatch.collector.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.MessageSummary;
import io.vanishwatch.events.Verdict;

class WhereaboutsTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final MessageSummary NEWSLETTER = new MessageSummary("<n1@shop.example>", "news@shop.example",
            "Weekly deals", 4200, T0, Set.of());

    private static FolderState folder(String name, FolderRole role, Map<Long, MessageSummary> messages) {
        return new FolderState(name, role, FolderStatus.UNKNOWN, new TreeMap<>(messages), T0);
    }

    @Test
    void theSameMessageIdInAnotherFolderIsWhereItWent() {
        Map<String, FolderState> folders = Map.of(
                "INBOX", folder("INBOX", FolderRole.INBOX, Map.of()),
                "Newsletters", folder("Newsletters", FolderRole.OTHER, Map.of(17L, NEWSLETTER.withFlags(Set.of()))));

        Optional<Whereabouts.Copy> copy = Whereabouts.find(NEWSLETTER, "INBOX", folders, Set.of());

        assertThat(copy).contains(new Whereabouts.Copy("Newsletters", FolderRole.OTHER, 17));
        Verdict verdict = Whereabouts.verdict(copy, T0.plusSeconds(1), List.of("Newsletters", "Trash"));
        assertThat(verdict.location()).isEqualTo(Verdict.Location.IN_FOLDER);
        assertThat(verdict.folder()).isEqualTo("Newsletters");
        assertThat(verdict.uid()).isEqualTo(17);
    }

    @Test
    void aCopyLeftInTheFolderItLeftDoesNotCountAndNoCopyMeansInNoFolder() {
        Map<String, FolderState> folders = Map.of("INBOX", folder("INBOX", FolderRole.INBOX, Map.of(3L, NEWSLETTER)),
                "Trash", folder("Trash", FolderRole.TRASH, Map.of()));

        Optional<Whereabouts.Copy> copy = Whereabouts.find(NEWSLETTER, "INBOX", folders, Set.of());

        assertThat(copy).isEmpty();
        Verdict verdict = Whereabouts.verdict(copy, T0, List.of("Trash"));
        assertThat(verdict.location()).isEqualTo(Verdict.Location.IN_NO_FOLDER);
        assertThat(verdict.foldersChecked()).containsExactly("Trash");
        assertThat(verdict.checkedAt()).isEqualTo(T0);
    }

    @Test
    void theCopyThatJustArrivedWinsOverOneThatWasThereAlready() {
        // Gmail: every message is in All Mail all along; a move to Newsletters makes a new copy there
        Map<String, FolderState> folders = Map.of(
                "[Gmail]/All Mail", folder("[Gmail]/All Mail", FolderRole.ALL_MAIL, Map.of(90L, NEWSLETTER)),
                "Newsletters", folder("Newsletters", FolderRole.OTHER, Map.of(17L, NEWSLETTER)));

        assertThat(Whereabouts.find(NEWSLETTER, "INBOX", folders,
                Set.of(new Whereabouts.Copy("Newsletters", FolderRole.OTHER, 17)))).get()
                .extracting(Whereabouts.Copy::folder).isEqualTo("Newsletters");
        assertThat(Whereabouts.find(NEWSLETTER, "INBOX", folders, Set.of())).get()
                .extracting(Whereabouts.Copy::folder).as("archived, not gone").isEqualTo("Newsletters");
        assertThat(Whereabouts.find(NEWSLETTER, "INBOX", Map.of("[Gmail]/All Mail", folders.get("[Gmail]/All Mail")),
                Set.of())).get().extracting(Whereabouts.Copy::role).isEqualTo(FolderRole.ALL_MAIL);
    }

    @Test
    void aGmailMessageArchivedWithALabelIsInTheLabelRatherThanInAllMailWhateverTheNamesSortAs() {
        // Gmail: archiving takes the INBOX label off; the message stays in All Mail and under its other labels
        for (String label : List.of("Invoices", "invoices", "~Receipts")) {
            Map<String, FolderState> folders = Map.of(
                    "INBOX", folder("INBOX", FolderRole.INBOX, Map.of()),
                    "[Gmail]/All Mail", folder("[Gmail]/All Mail", FolderRole.ALL_MAIL, Map.of(40L, NEWSLETTER)),
                    label, folder(label, FolderRole.OTHER, Map.of(3L, NEWSLETTER)));

            assertThat(Whereabouts.find(NEWSLETTER, "INBOX", folders, Set.of()))
                    .contains(new Whereabouts.Copy(label, FolderRole.OTHER, 3));
        }
    }

    @Test
    void withoutMessageIdTheSizeDateAndSenderRecogniseTheMessage() {
        MessageSummary noId = new MessageSummary(null, "scanner@office.example", "Scan", 88000, T0, Set.of());
        MessageSummary otherScan = new MessageSummary(null, "scanner@office.example", "Scan", 88000,
                T0.plusSeconds(60), Set.of());
        Map<String, FolderState> folders = Map.of("Scans", folder("Scans", FolderRole.OTHER,
                Map.of(1L, otherScan, 2L, noId)));

        assertThat(Whereabouts.find(noId, "INBOX", folders, Set.of())).contains(
                new Whereabouts.Copy("Scans", FolderRole.OTHER, 2));
        assertThat(Whereabouts.recognisable(new MessageSummary(null, null, null, 0, null, Set.of()))).isFalse();
        assertThat(Whereabouts.find(new MessageSummary(null, null, null, 0, null, Set.of()), "INBOX", folders,
                Set.of())).isEmpty();
    }
}

package io.vanishwatch.analyzer.topology;

import static io.vanishwatch.analyzer.Mail.T0;
import static io.vanishwatch.analyzer.Mail.at;
import static io.vanishwatch.analyzer.Mail.arrived;
import static io.vanishwatch.analyzer.Mail.removed;
import static io.vanishwatch.analyzer.Mail.removedInto;
import static io.vanishwatch.analyzer.Mail.removedToNoFolder;
import static io.vanishwatch.analyzer.Mail.watch;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vanishwatch.analyzer.Mail;
import io.vanishwatch.analyzer.Mail.Message;
import io.vanishwatch.analyzer.rules.AnalyzerSettings;
import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Disappearance;
import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.Verdict;

/** The collector's verdict on a REMOVED decides its disappearance while that record is processed. */
class VerdictTopologyTest {

    private static final String ACCOUNT = "office@demo.example";
    private final AnalyzerDriver driver = new AnalyzerDriver(AnalyzerSettings.defaults(), T0);

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void aVerdictInAFolderIsAMoveThereTheMomentTheRemovalIsProcessed() {
        Message newsletter = Message.numbered(1);
        driver.pipeInBurst(arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 10, newsletter, at(0)),
                removedInto(ACCOUNT, "INBOX", FolderRole.INBOX, 10, newsletter, at(25), "Newsletters", FolderRole.OTHER, 3));

        assertThat(driver.wallClock()).as("no time has passed").isEqualTo(T0);
        assertThat(driver.disappearanceRecords()).singleElement().satisfies(record -> {
            Disappearance d = record.value();
            assertThat(record.key()).isEqualTo(ACCOUNT);
            assertThat(record.timestamp()).isEqualTo(at(25).toEpochMilli());
            assertThat(d.destination()).isEqualTo(Disappearance.Destination.MOVED);
            assertThat(d.movedToFolder()).isEqualTo("Newsletters");
            assertThat(d.movedToRole()).isEqualTo(FolderRole.OTHER);
            assertThat(d.basis()).isEqualTo(Disappearance.Basis.FOLDER_CHECK);
            assertThat(d.checkedAt()).isEqualTo(at(25));
            assertThat(d.foldersChecked()).isEqualTo(Mail.OTHER_FOLDERS);
            assertThat(d.arrivedAt()).isEqualTo(at(0));
            assertThat(d.dwellTime()).isEqualTo(Duration.ofSeconds(25));
        });
        driver.advanceWallClock(Duration.ofMinutes(5));
        driver.pipeInBurst(arrived(ACCOUNT, "Newsletters", FolderRole.OTHER, 3, newsletter, at(300)));
        assertThat(driver.disappearances()).as("decided once").isEmpty();
    }

    @Test
    void aVerdictInNoFolderIsGoneTheMomentTheRemovalIsProcessed() {
        Message invoice = Message.numbered(2);
        Verdict nowhere = Verdict.inNoFolder(at(31), List.of("Archive", "Junk", "Trash"));
        driver.pipeInBurst(arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 11, invoice, at(0)),
                removed(ACCOUNT, "INBOX", FolderRole.INBOX, 11, invoice, at(30)).withVerdict(nowhere));

        assertThat(driver.disappearances()).singleElement().satisfies(d -> {
            assertThat(d.destination()).isEqualTo(Disappearance.Destination.GONE);
            assertThat(d.basis()).isEqualTo(Disappearance.Basis.FOLDER_CHECK);
            assertThat(d.checkedAt()).isEqualTo(at(31));
            assertThat(d.foldersChecked()).containsExactly("Archive", "Junk", "Trash");
            assertThat(d.removedAt()).isEqualTo(at(30));
        });
    }

    @Test
    void aVerdictInNoFolderIsUsedEvenWhileTheWatchIsBlind() {
        Message invoice = Message.numbered(3);
        driver.pipeInBurst(watch(ACCOUNT, MailboxEvent.WatchState.CONNECTED, at(-60)),
                arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 12, invoice, at(0)),
                watch(ACCOUNT, MailboxEvent.WatchState.UNREACHABLE, at(10)),
                removedToNoFolder(ACCOUNT, "INBOX", FolderRole.INBOX, 12, invoice, at(20)));

        assertThat(driver.disappearances()).singleElement()
                .satisfies(d -> assertThat(d.basis()).isEqualTo(Disappearance.Basis.FOLDER_CHECK));
    }

    @Test
    void unreadMailFiledIntoNewslettersArchiveAndAllMailRaisesTheFolderWarningAndNeverTheClientFilterAlert() {
        String[] folders = {"Newsletters", "Archive", "[Gmail]/All Mail"};
        FolderRole[] roles = {FolderRole.OTHER, FolderRole.ARCHIVE, FolderRole.ALL_MAIL};
        for (int n = 0; n < 3; n++) {
            Message message = Message.numbered(n + 1);
            driver.pipe(arrived(ACCOUNT, "INBOX", FolderRole.INBOX, n + 1, message, at(60 * n)),
                    removedInto(ACCOUNT, "INBOX", FolderRole.INBOX, n + 1, message, at(60 * n + 20), folders[n],
                            roles[n], 100 + n));
        }

        assertThat(driver.disappearances()).hasSize(3).allSatisfy(d -> {
            assertThat(d.destination()).isEqualTo(Disappearance.Destination.MOVED);
            assertThat(d.basis()).isEqualTo(Disappearance.Basis.FOLDER_CHECK);
        });
        assertThat(driver.alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.pattern()).isEqualTo(Alert.Pattern.MOVED_TO_FOLDER);
            assertThat(alert.severity()).isEqualTo(Alert.Severity.WARNING);
            assertThat(alert.status()).isEqualTo(Alert.Status.FIRING);
            assertThat(alert.summary()).contains("into Newsletters, Archive, [Gmail]/All Mail on the server",
                    "found there by a check", "billing@supplier.example (3)", "\"Invoice 1\"");
            assertThat(alert.advice()).contains("Newsletters, Archive, [Gmail]/All Mail");
        });
        driver.idle(Duration.ofMinutes(30));
        assertThat(driver.alerts()).extracting(Alert::pattern, Alert::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Alert.Pattern.MOVED_TO_FOLDER, Alert.Status.RESOLVED));
    }

    @Test
    void theArrivalAVerdictNamesExplainsNoOtherRemoval() {
        // two copies of one message: the INBOX one moved to Junk (checked), the Archive one deleted without a check
        Message both = Message.numbered(4);
        driver.pipeInBurst(arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 13, both, at(0)),
                arrived(ACCOUNT, "Archive", FolderRole.ARCHIVE, 40, both, at(1)),
                arrived(ACCOUNT, "Junk", FolderRole.JUNK, 7, both, at(29)),
                removedInto(ACCOUNT, "INBOX", FolderRole.INBOX, 13, both, at(30), "Junk", FolderRole.JUNK, 7),
                removed(ACCOUNT, "Archive", FolderRole.ARCHIVE, 40, both, at(32)),
                arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 14, Message.numbered(5), at(60)));

        assertThat(driver.disappearances()).extracting(Disappearance::folder, Disappearance::destination,
                        Disappearance::basis)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("INBOX", Disappearance.Destination.MOVED,
                                Disappearance.Basis.FOLDER_CHECK),
                        org.assertj.core.groups.Tuple.tuple("Archive", Disappearance.Destination.GONE,
                                Disappearance.Basis.WINDOW_PASSED));
    }
}

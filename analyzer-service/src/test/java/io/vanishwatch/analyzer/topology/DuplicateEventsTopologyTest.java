package io.vanishwatch.analyzer.topology;

import static io.vanishwatch.analyzer.Mail.T0;
import static io.vanishwatch.analyzer.Mail.at;
import static io.vanishwatch.analyzer.Mail.arrived;
import static io.vanishwatch.analyzer.Mail.removed;
import static io.vanishwatch.analyzer.Mail.removedToNoFolder;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vanishwatch.analyzer.Mail.Message;
import io.vanishwatch.analyzer.rules.AnalyzerSettings;
import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Disappearance;
import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.MailboxEvent;

/** An event the collector publishes twice is explained once, and raises no alert twice. */
class DuplicateEventsTopologyTest {

    private static final String ACCOUNT = "office@demo.example";
    private static final Duration RETENTION = Duration.ofHours(1);
    private final AnalyzerSettings defaults = AnalyzerSettings.defaults();
    private final AnalyzerDriver driver = new AnalyzerDriver(new AnalyzerSettings(defaults.correlationWindow(),
            defaults.punctuateInterval(), RETENTION, defaults.caughtUpWithin(), defaults.patterns()), T0);

    @AfterEach
    void close() {
        driver.close();
    }

    /** Three unread messages a Mac takes off the server, as the collector publishes them. */
    private static List<MailboxEvent> takenToTheMac() {
        List<MailboxEvent> events = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            Message message = Message.numbered(n);
            events.add(arrived(ACCOUNT, "INBOX", FolderRole.INBOX, n, message, at(60 * n)));
            events.add(removedToNoFolder(ACCOUNT, "INBOX", FolderRole.INBOX, n, message, at(60 * n + 30)));
        }
        return events;
    }

    @Test
    void everyEventPublishedTwiceGivesOneDisappearanceEachAndOneAlert() {
        for (MailboxEvent event : takenToTheMac()) {
            driver.pipe(event, event);
        }
        // and the whole lot again, as after a collector restart that could not tell what it had published
        takenToTheMac().forEach(driver::pipeInBurst);

        assertThat(driver.disappearances()).extracting(Disappearance::subject)
                .containsExactly("Invoice 1", "Invoice 2", "Invoice 3");
        assertThat(driver.alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.status()).isEqualTo(Alert.Status.FIRING);
            assertThat(alert.count()).isEqualTo(3);
        });
    }

    @Test
    void aRemovalWithoutVerdictPublishedAgainLaterWithAnotherObservedAtIsStillExplainedOnce() {
        Message invoice = Message.numbered(4);
        MailboxEvent removal = removed(ACCOUNT, "INBOX", FolderRole.INBOX, 4, invoice, at(30));
        MailboxEvent republished = removed(ACCOUNT, "INBOX", FolderRole.INBOX, 4, invoice, at(90));
        assertThat(republished.eventId()).isEqualTo(removal.eventId());

        driver.pipe(arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 4, invoice, at(0)), removal,
                arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 5, Message.numbered(5), at(60)), republished,
                arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 6, Message.numbered(6), at(200)));

        assertThat(driver.disappearances()).singleElement().satisfies(d -> {
            assertThat(d.removedAt()).isEqualTo(at(30));
            assertThat(d.arrivedAt()).as("the arrival was not forgotten by a second removal").isEqualTo(at(0));
        });
    }

    @Test
    void anEventIdIsForgottenOnceTheRetentionHasPassedInEventTime() {
        Message invoice = Message.numbered(7);
        MailboxEvent removal = removedToNoFolder(ACCOUNT, "INBOX", FolderRole.INBOX, 7, invoice, at(30));

        driver.pipeInBurst(removal,
                arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 8, Message.numbered(8), at(30).plus(RETENTION).minusSeconds(1)),
                removal);
        assertThat(driver.disappearances()).as("within the retention: a duplicate").hasSize(1);

        driver.pipeInBurst(arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 9, Message.numbered(9),
                at(30).plus(RETENTION.multipliedBy(3))), removal);
        assertThat(driver.disappearances()).as("long after the retention the id is no longer known: explained again")
                .singleElement().satisfies(d -> assertThat(d.subject()).isEqualTo("Invoice 7"));
    }

    @Test
    void aFolderRecreatedUnderTheSameUidValidityMayReuseUidsAndSoEventIds() {
        Message before = Message.numbered(10);
        Message after = new Message("<new@supplier.example>", "new@supplier.example", "After the reset", at(100));
        driver.pipe(arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 1, before, at(0)),
                removedToNoFolder(ACCOUNT, "INBOX", FolderRole.INBOX, 1, before, at(30)),
                MailboxEvent.folder(MailboxEvent.Type.UIDVALIDITY_CHANGED, ACCOUNT, "INBOX", FolderRole.INBOX,
                        io.vanishwatch.analyzer.Mail.UID_VALIDITY, at(100), MailboxEvent.DetectedBy.RESYNC, "recreated"),
                arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 1, after, at(200)),
                removedToNoFolder(ACCOUNT, "INBOX", FolderRole.INBOX, 1, after, at(230)));

        assertThat(driver.disappearances()).extracting(Disappearance::subject, Disappearance::dwellTime)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Invoice 10", Duration.ofSeconds(30)),
                        org.assertj.core.groups.Tuple.tuple("After the reset", Duration.ofSeconds(30)));
    }

    @Test
    void aDeletedFoldersRemovalsPublishedAgainAfterItsFolderRemovedAreStillDuplicates() {
        Message first = Message.numbered(11);
        Message second = Message.numbered(12);
        List<MailboxEvent> folderDeleted = List.of(
                removedToNoFolder(ACCOUNT, "Projects", FolderRole.OTHER, 1, first, at(100)),
                removedToNoFolder(ACCOUNT, "Projects", FolderRole.OTHER, 2, second, at(100)),
                MailboxEvent.folder(MailboxEvent.Type.FOLDER_REMOVED, ACCOUNT, "Projects", FolderRole.OTHER,
                        io.vanishwatch.analyzer.Mail.UID_VALIDITY, at(100), MailboxEvent.DetectedBy.IDLE, null));
        driver.pipe(arrived(ACCOUNT, "Projects", FolderRole.OTHER, 1, first, at(0)),
                arrived(ACCOUNT, "Projects", FolderRole.OTHER, 2, second, at(0)));
        driver.pipe(folderDeleted.toArray(MailboxEvent[]::new));

        // the collector restarts before its checkpoint says the folder is gone, and reports the deletion again
        driver.pipe(folderDeleted.get(0), folderDeleted.get(1),
                MailboxEvent.folder(MailboxEvent.Type.FOLDER_REMOVED, ACCOUNT, "Projects", FolderRole.OTHER,
                        io.vanishwatch.analyzer.Mail.UID_VALIDITY, at(400), MailboxEvent.DetectedBy.RESYNC, null));

        assertThat(driver.disappearances()).extracting(Disappearance::subject)
                .containsExactly("Invoice 11", "Invoice 12");
    }

    @Test
    void aFolderCreatedAgainUnderAnOldNameMayReuseItsUidsAndSoEventIds() {
        Message before = Message.numbered(13);
        Message after = new Message("<again@supplier.example>", "new@supplier.example", "In the new folder", at(300));
        driver.pipe(arrived(ACCOUNT, "Projects", FolderRole.OTHER, 1, before, at(0)),
                removedToNoFolder(ACCOUNT, "Projects", FolderRole.OTHER, 1, before, at(100)),
                MailboxEvent.folder(MailboxEvent.Type.FOLDER_REMOVED, ACCOUNT, "Projects", FolderRole.OTHER,
                        io.vanishwatch.analyzer.Mail.UID_VALIDITY, at(100), MailboxEvent.DetectedBy.IDLE, null),
                MailboxEvent.folder(MailboxEvent.Type.FOLDER_ADDED, ACCOUNT, "Projects", FolderRole.OTHER,
                        io.vanishwatch.analyzer.Mail.UID_VALIDITY, at(300), MailboxEvent.DetectedBy.IDLE, null),
                arrived(ACCOUNT, "Projects", FolderRole.OTHER, 1, after, at(300)),
                removedToNoFolder(ACCOUNT, "Projects", FolderRole.OTHER, 1, after, at(330)));

        assertThat(driver.disappearances()).extracting(Disappearance::subject, Disappearance::dwellTime)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Invoice 13", Duration.ofSeconds(100)),
                        org.assertj.core.groups.Tuple.tuple("In the new folder", Duration.ofSeconds(30)));
    }
}

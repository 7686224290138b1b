package io.vanishwatch.analyzer.topology;

import static io.vanishwatch.analyzer.Mail.T0;
import static io.vanishwatch.analyzer.Mail.at;
import static io.vanishwatch.analyzer.Mail.arrived;
import static io.vanishwatch.analyzer.Mail.flagsChanged;
import static io.vanishwatch.analyzer.Mail.removed;
import static io.vanishwatch.analyzer.Mail.removedToNoFolder;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vanishwatch.analyzer.Mail.Message;
import io.vanishwatch.analyzer.rules.AnalyzerSettings;
import io.vanishwatch.events.Disappearance;
import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.MailboxEvent;

class DisappearanceCorrelationTopologyTest {

    private static final String ACCOUNT = "office@demo.example";
    private static final String OTHER = "shop@demo.example";
    private final AnalyzerDriver driver = new AnalyzerDriver(AnalyzerSettings.defaults(), T0);

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void aRemovalFollowedByAnArrivalInJunkIsAMoveToJunk() {
        Message invoice = Message.numbered(1);
        driver.pipe(arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 10, invoice, at(0)),
                removed(ACCOUNT, "INBOX", FolderRole.INBOX, 10, invoice, at(30)));
        assertThat(driver.disappearances()).as("still waiting for a destination").isEmpty();

        driver.pipe(arrived(ACCOUNT, "Junk", FolderRole.JUNK, 3, invoice, at(31)));

        assertThat(driver.disappearances()).singleElement().satisfies(d -> {
            assertThat(d.destination()).isEqualTo(Disappearance.Destination.MOVED);
            assertThat(d.movedToFolder()).isEqualTo("Junk");
            assertThat(d.movedToRole()).isEqualTo(FolderRole.JUNK);
            assertThat(d.folder()).isEqualTo("INBOX");
            assertThat(d.uid()).isEqualTo(10);
            assertThat(d.arrivedAt()).isEqualTo(at(0));
            assertThat(d.removedAt()).isEqualTo(at(30));
            assertThat(d.dwellTime()).isEqualTo(Duration.ofSeconds(30));
            assertThat(d.readBeforeRemoval()).isFalse();
        });
        driver.advanceWallClock(Duration.ofMinutes(1));
        assertThat(driver.disappearances()).as("decided once, never again as GONE").isEmpty();
    }

    @Test
    void anArrivalInJunkBeforeTheRemovalFromInboxIsAMoveToJunkToo() {
        Message invoice = Message.numbered(2);
        driver.pipe(arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 11, invoice, at(0)),
                arrived(ACCOUNT, "Junk", FolderRole.JUNK, 4, invoice, at(29)),
                removed(ACCOUNT, "INBOX", FolderRole.INBOX, 11, invoice, at(30)));

        assertThat(driver.disappearanceRecords()).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(ACCOUNT);
            assertThat(record.value().destination()).isEqualTo(Disappearance.Destination.MOVED);
            assertThat(record.value().movedToFolder()).isEqualTo("Junk");
            assertThat(record.value().dwellTime()).isEqualTo(Duration.ofSeconds(30));
        });
    }

    @Test
    void aRemovalWithoutVerdictIsGoneOnceEventTimePassesTheWindowAndNeverByTheWallClockAlone() {
        Message invoice = Message.numbered(3);
        driver.pipe(arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 12, invoice, at(0)),
                removed(ACCOUNT, "INBOX", FolderRole.INBOX, 12, invoice, at(45)));

        driver.advanceWallClock(Duration.ofHours(1));
        assertThat(driver.disappearances()).as("an hour of wall clock decides nothing").isEmpty();

        // another account's events move the stream time: exactly the window after the removal is not beyond it
        driver.pipeInBurst(arrived(OTHER, "INBOX", FolderRole.INBOX, 1, Message.numbered(90), at(55)));
        assertThat(driver.disappearances()).isEmpty();
        driver.pipeInBurst(arrived(OTHER, "INBOX", FolderRole.INBOX, 2, Message.numbered(91), at(56)));

        assertThat(driver.disappearanceRecords()).singleElement().satisfies(record -> {
            assertThat(record.value().destination()).isEqualTo(Disappearance.Destination.GONE);
            assertThat(record.value().basis()).isEqualTo(Disappearance.Basis.WINDOW_PASSED);
            assertThat(record.value().checkedAt()).isNull();
            assertThat(record.value().whereItWent()).isEqualTo("gone from the server");
            assertThat(record.value().dwellTime()).isEqualTo(Duration.ofSeconds(45));
            assertThat(record.timestamp()).isEqualTo(at(45).toEpochMilli());
        });
    }

    @Test
    void anArrivalInJunkAfterTheWindowDoesNotMakeAGoneMessageMoved() {
        Message invoice = Message.numbered(4);
        driver.pipe(removed(ACCOUNT, "INBOX", FolderRole.INBOX, 13, invoice, at(0)),
                arrived(ACCOUNT, "Junk", FolderRole.JUNK, 5, invoice, at(20)));

        assertThat(driver.disappearances()).singleElement()
                .satisfies(d -> assertThat(d.destination()).isEqualTo(Disappearance.Destination.GONE));
    }

    @Test
    void aMessageThatWasThereBeforeTheWatchIsDescribedByTheRemovalsOwnSummary() {
        Message old = new Message("<old@x>", "boss@office.example", "Quarterly plan", at(-3600));
        driver.pipe(removedToNoFolder(ACCOUNT, "INBOX", FolderRole.INBOX, 2, old, at(0), MailboxEvent.SEEN, "\\Deleted"));

        assertThat(driver.disappearances()).singleElement().satisfies(d -> {
            assertThat(d.messageId()).isEqualTo("<old@x>");
            assertThat(d.from()).isEqualTo("boss@office.example");
            assertThat(d.subject()).isEqualTo("Quarterly plan");
            assertThat(d.arrivedAt()).as("INTERNALDATE when no ARRIVED was seen").isEqualTo(at(-3600));
            assertThat(d.dwellTime()).isEqualTo(Duration.ofHours(1));
            assertThat(d.readBeforeRemoval()).isTrue();
        });
    }

    @Test
    void aFlagChangeToSeenBeforeTheRemovalMakesItRead() {
        Message invoice = Message.numbered(5);
        driver.pipe(arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 14, invoice, at(0)),
                flagsChanged(ACCOUNT, "INBOX", FolderRole.INBOX, 14, invoice, at(20), MailboxEvent.SEEN),
                removedToNoFolder(ACCOUNT, "INBOX", FolderRole.INBOX, 14, invoice, at(40)));

        assertThat(driver.disappearances()).singleElement()
                .satisfies(d -> assertThat(d.readBeforeRemoval()).isTrue());
    }

    @Test
    void laterEventsOfTheSameAccountBeyondTheWindowDecideGoneAtOnceDuringCatchUp() {
        Message first = Message.numbered(6);
        Message second = Message.numbered(7);
        // a backlog: the wall clock does not move while events an hour apart are read
        driver.pipe(removed(ACCOUNT, "INBOX", FolderRole.INBOX, 15, first, at(0)));
        MailboxEvent muchLater = arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 16, second, at(3600));
        driver.pipeRaw(ACCOUNT.getBytes(), io.vanishwatch.events.Topics.MAILBOX_EVENTS.valueSerde().serializer()
                .serialize("t", muchLater), muchLater.observedAt());

        assertThat(driver.disappearances()).singleElement()
                .satisfies(d -> assertThat(d.messageId()).isEqualTo(first.messageId()));
    }
}

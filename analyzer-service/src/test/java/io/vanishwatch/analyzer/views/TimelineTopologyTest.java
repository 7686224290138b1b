package io.vanishwatch.analyzer.views;

import static io.vanishwatch.analyzer.Mail.T0;
import static io.vanishwatch.analyzer.Mail.UID_VALIDITY;
import static io.vanishwatch.analyzer.Mail.arrived;
import static io.vanishwatch.analyzer.Mail.at;
import static io.vanishwatch.analyzer.Mail.flagsChanged;
import static io.vanishwatch.analyzer.Mail.removedInto;
import static io.vanishwatch.analyzer.Mail.removedToNoFolder;
import static io.vanishwatch.analyzer.Mail.watch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vanishwatch.analyzer.Mail.Message;
import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.MailboxEvent.Type;
import io.vanishwatch.events.MailboxEvent.WatchState;
import io.vanishwatch.events.Verdict;

/** The account timeline and the accounts view, recorded from the de-duplicated mailbox events. */
class TimelineTopologyTest {

    private static final String ACCOUNT = "office@demo.example";
    private static final String OTHER = "shop@demo.example";
    private static final Duration RETENTION = Duration.ofHours(2);

    private final ViewsDriver driver = new ViewsDriver(new ViewSettings(RETENTION), T0);

    @AfterEach
    void close() {
        driver.close();
    }

    private List<TimelineEntry> timeline(String account) {
        return driver.timeline(account, T0.minus(RETENTION), T0.plus(Duration.ofDays(1))).stream()
                .map(entry -> entry.value).toList();
    }

    @Test
    void anAccountsTimelineHoldsEachOfItsEventsOnceInTimeOrderWithTheVerdicts() {
        Message invoice = Message.numbered(1);
        Message newsletter = Message.numbered(2);
        MailboxEvent reset = MailboxEvent.folder(Type.UIDVALIDITY_CHANGED, ACCOUNT, "Projects", FolderRole.OTHER,
                UID_VALIDITY + 1, at(60), MailboxEvent.DetectedBy.RESYNC, "UIDVALIDITY changed");
        MailboxEvent arrival = arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 1, invoice, at(1));

        // given the collector's events of one account, one of them published twice, one late, among another's
        driver.pipe(watch(ACCOUNT, WatchState.CONNECTED, at(0)), arrival,
                arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 2, newsletter, at(2)),
                arrived(OTHER, "INBOX", FolderRole.INBOX, 7, Message.numbered(7), at(3)),
                flagsChanged(ACCOUNT, "INBOX", FolderRole.INBOX, 1, invoice, at(10), MailboxEvent.SEEN),
                removedInto(ACCOUNT, "INBOX", FolderRole.INBOX, 2, newsletter, at(20), "Junk", FolderRole.JUNK, 40),
                reset,
                arrival,
                removedToNoFolder(ACCOUNT, "INBOX", FolderRole.INBOX, 1, invoice, at(30), MailboxEvent.SEEN));

        // then its timeline has each event once, ordered by when it was seen, and nothing of the other account
        List<TimelineEntry> timeline = timeline(ACCOUNT);
        assertThat(timeline).extracting(TimelineEntry::at, TimelineEntry::type, TimelineEntry::uid).containsExactly(
                tuple(at(0), Type.WATCH_STATE, null),
                tuple(at(1), Type.ARRIVED, 1L),
                tuple(at(2), Type.ARRIVED, 2L),
                tuple(at(10), Type.FLAGS_CHANGED, 1L),
                tuple(at(20), Type.REMOVED, 2L),
                tuple(at(30), Type.REMOVED, 1L),
                tuple(at(60), Type.UIDVALIDITY_CHANGED, null));
        assertThat(timeline.get(0).watchState()).isEqualTo(WatchState.CONNECTED);
        assertThat(timeline.get(1)).satisfies(entry -> {
            assertThat(entry.subject()).isEqualTo("Invoice 1");
            assertThat(entry.from()).isEqualTo("billing@supplier.example");
            assertThat(entry.messageId()).isEqualTo(invoice.messageId());
            assertThat(entry.verdict()).isNull();
        });
        assertThat(timeline.get(3).flags()).containsExactly(MailboxEvent.SEEN);
        assertThat(timeline.get(4).verdict()).isEqualTo(new TimelineEntry.FoundAt(Verdict.Location.IN_FOLDER, "Junk",
                FolderRole.JUNK, at(20), 6));
        assertThat(timeline.get(5).verdict().location()).isEqualTo(Verdict.Location.IN_NO_FOLDER);
        assertThat(timeline.get(6)).satisfies(entry -> {
            assertThat(entry.folder()).isEqualTo("Projects");
            assertThat(entry.uidValidity()).isEqualTo(UID_VALIDITY + 1);
        });
        assertThat(timeline(OTHER)).extracting(TimelineEntry::subject).containsExactly("Invoice 7");
    }

    @Test
    void eventsSeenAtTheSameInstantAreAllKeptAndATimeRangeSelectsByWhenTheyWereSeen() {
        // given a resync that found three removals at once, and an arrival before and after
        driver.pipe(arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 9, Message.numbered(9), at(0)));
        for (int uid = 1; uid <= 3; uid++) {
            driver.pipe(removedToNoFolder(ACCOUNT, "INBOX", FolderRole.INBOX, uid, Message.numbered(uid), at(100)));
        }
        driver.pipe(arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 10, Message.numbered(10), at(200)));

        // then all three are there, and a range from 100 s to 199 s holds only them
        assertThat(driver.timeline(ACCOUNT, at(100), at(199))).extracting(entry -> entry.key, entry -> entry.value.uid())
                .containsExactly(tuple(at(100).toEpochMilli(), 1L), tuple(at(100).toEpochMilli(), 2L),
                        tuple(at(100).toEpochMilli(), 3L));
        assertThat(timeline(ACCOUNT)).hasSize(5);
    }

    @Test
    void entriesOlderThanTheRetentionInEventTimeAreGoneAndLateOnesAreNotRecorded() {
        // given an arrival, then more than the retention later (in event time) another
        driver.pipe(arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 1, Message.numbered(1), at(0)));
        assertThat(timeline(ACCOUNT)).hasSize(1);
        Instant later = at(0).plus(RETENTION).plusSeconds(60);
        driver.pipe(arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 2, Message.numbered(2), later));

        // when an event from before the retention comes in late
        driver.pipe(arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 3, Message.numbered(3), at(30)));

        // then only the recent arrival is in the timeline
        List<KeyValue<Long, TimelineEntry>> kept = driver.timeline(ACCOUNT, T0.minus(Duration.ofDays(1)), later);
        assertThat(kept).extracting(entry -> entry.value.uid()).containsExactly(2L);
    }

    @Test
    void theAccountsViewKeepsTheWatchStateSinceItWasEnteredAndTheNewestEventTime() {
        driver.pipe(watch(ACCOUNT, WatchState.CONNECTED, at(0)),
                watch(ACCOUNT, WatchState.AUTH_FAILED, at(10)),
                watch(ACCOUNT, WatchState.AUTH_FAILED, at(20)),
                watch(ACCOUNT, WatchState.CONNECTED, at(5)),
                arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 1, Message.numbered(1), at(30)),
                arrived(OTHER, "INBOX", FolderRole.INBOX, 1, Message.numbered(1), at(40)));

        assertThat(driver.accounts().get(ACCOUNT)).as("repeated AUTH_FAILED keeps its since; a late CONNECTED is old")
                .isEqualTo(new AccountState(ACCOUNT, WatchState.AUTH_FAILED, "test: AUTH_FAILED", at(10), at(30)));
        assertThat(driver.accounts().get(OTHER)).as("no watch state reported yet")
                .isEqualTo(new AccountState(OTHER, null, null, null, at(40)));

        driver.pipe(watch(ACCOUNT, WatchState.CONNECTED, at(50)));
        assertThat(driver.accounts().get(ACCOUNT))
                .isEqualTo(new AccountState(ACCOUNT, WatchState.CONNECTED, null, at(50), at(50)));
    }
}

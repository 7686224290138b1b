package io.vanishwatch.analyzer.rules;

import static io.vanishwatch.analyzer.Mail.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.vanishwatch.analyzer.Mail;
import io.vanishwatch.analyzer.Mail.Message;
import io.vanishwatch.events.Disappearance;
import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.Verdict;

class CorrelationTest {

    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final String ACCOUNT = "office";

    @Test
    void anArrivalInAnotherFolderShortlyAfterTheRemovalIsAMove() {
        assertThat(Correlation.isMoveOf("INBOX", T0, "Junk", T0.plusSeconds(3), WINDOW)).isTrue();
    }

    @Test
    void anArrivalInAnotherFolderShortlyBeforeTheRemovalIsAMoveToo() {
        assertThat(Correlation.isMoveOf("INBOX", T0, "Junk", T0.minusSeconds(3), WINDOW)).isTrue();
    }

    @Test
    void anArrivalOutsideTheWindowOnEitherSideIsNoMove() {
        assertThat(Correlation.isMoveOf("INBOX", T0, "Junk", T0.plusSeconds(11), WINDOW)).isFalse();
        assertThat(Correlation.isMoveOf("INBOX", T0, "Junk", T0.minusSeconds(11), WINDOW)).isFalse();
    }

    @Test
    void anArrivalInTheSameFolderIsNoMove() {
        assertThat(Correlation.isMoveOf("INBOX", T0, "INBOX", T0.plusSeconds(1), WINDOW)).isFalse();
    }

    @Test
    void dwellIsRemovalMinusArrivalAndUnknownWithoutArrival() {
        assertThat(Correlation.dwell(T0, T0.plusSeconds(90))).isEqualTo(Duration.ofSeconds(90));
        assertThat(Correlation.dwell(null, T0)).isNull();
        assertThat(Correlation.dwell(T0.plusSeconds(5), T0)).as("clock skew never gives a negative dwell")
                .isEqualTo(Duration.ZERO);
    }

    @Test
    void arrivalTimeIsTheArrivedEventElseTheInternalDate() {
        Message message = Message.numbered(1);
        MailboxEvent arrival = Mail.arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 1, message, T0.plusSeconds(30));
        assertThat(Correlation.arrivedAt(KnownMessage.arrived(arrival))).isEqualTo(T0.plusSeconds(30));

        MailboxEvent removal = Mail.removed(ACCOUNT, "INBOX", FolderRole.INBOX, 1, message, T0.plusSeconds(60));
        assertThat(Correlation.arrivedAt(KnownMessage.atRemoval(null, removal))).isEqualTo(message.internalDate());
    }

    @Test
    void seenInTheLastKnownFlagsOrOnTheRemovalItselfMeansRead() {
        Message message = Message.numbered(1);
        KnownMessage arrivedUnread = KnownMessage.arrived(Mail.arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 1, message, T0));
        KnownMessage thenSeen = arrivedUnread.withFlags(java.util.Set.of(MailboxEvent.SEEN));
        MailboxEvent removedWithoutFlags = Mail.removed(ACCOUNT, "INBOX", FolderRole.INBOX, 1, message, T0.plusSeconds(60));
        MailboxEvent removedSeen = Mail.removed(ACCOUNT, "INBOX", FolderRole.INBOX, 1, message, T0.plusSeconds(60),
                MailboxEvent.SEEN, "\\Deleted");

        assertThat(Correlation.read(KnownMessage.atRemoval(arrivedUnread, removedWithoutFlags))).isFalse();
        assertThat(Correlation.read(KnownMessage.atRemoval(thenSeen, removedWithoutFlags))).isTrue();
        assertThat(Correlation.read(KnownMessage.atRemoval(arrivedUnread, removedSeen))).isTrue();
        assertThat(Correlation.read(KnownMessage.atRemoval(null, removedSeen))).isTrue();
    }

    @Test
    void aGoneRemovalIsExplainedWithDwellAndNoDestination() {
        Message message = Message.numbered(7);
        KnownMessage arrived = KnownMessage.arrived(Mail.arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 7, message, T0));
        MailboxEvent removal = Mail.removed(ACCOUNT, "INBOX", FolderRole.INBOX, 7, message, T0.plusSeconds(95), "\\Deleted");
        PendingRemoval pending = new PendingRemoval(ACCOUNT, KnownMessage.atRemoval(arrived, removal),
                removal.observedAt(), null);

        Disappearance d = Correlation.gone(pending);

        assertThat(d.destination()).isEqualTo(Disappearance.Destination.GONE);
        assertThat(d.dwellTime()).isEqualTo(Duration.ofSeconds(95));
        assertThat(d.arrivedAt()).isEqualTo(T0);
        assertThat(d.readBeforeRemoval()).isFalse();
        assertThat(d.messageId()).isEqualTo(message.messageId());
        assertThat(d.subject()).isEqualTo("Invoice 7");
        assertThat(d.movedToFolder()).isNull();
        assertThat(d.basis()).isEqualTo(Disappearance.Basis.WINDOW_PASSED);
        assertThat(d.checkedAt()).isNull();
    }

    @Test
    void aMovedRemovalNamesTheDestinationFolderAndRole() {
        Message message = Message.numbered(8);
        MailboxEvent removal = Mail.removed(ACCOUNT, "INBOX", FolderRole.INBOX, 8, message, T0.plusSeconds(20));
        PendingRemoval pending = new PendingRemoval(ACCOUNT, KnownMessage.atRemoval(null, removal), removal.observedAt(), null);
        RecentArrival inJunk = new RecentArrival("Junk", FolderRole.JUNK, 5, 3, T0.plusSeconds(21), null);

        Disappearance d = Correlation.moved(pending, inJunk);

        assertThat(d.destination()).isEqualTo(Disappearance.Destination.MOVED);
        assertThat(d.movedToFolder()).isEqualTo("Junk");
        assertThat(d.movedToRole()).isEqualTo(FolderRole.JUNK);
        assertThat(d.whereItWent()).isEqualTo("moved to Junk (JUNK)");
        assertThat(d.basis()).isEqualTo(Disappearance.Basis.ARRIVAL_SEEN);
    }

    private static PendingRemoval pendingAt(Instant removedAt) {
        MailboxEvent removal = Mail.removed(ACCOUNT, "INBOX", FolderRole.INBOX, 1, Message.numbered(1), removedAt);
        return new PendingRemoval(ACCOUNT, KnownMessage.atRemoval(null, removal), removedAt, null);
    }

    private static WatchStatus watch(MailboxEvent.WatchState state, Instant since) {
        return new WatchStatus(state, since, null);
    }

    @Test
    void aRemovalWithoutVerdictIsGoneOnlyOnceEventTimeIsBeyondTheWindow() {
        PendingRemoval pending = pendingAt(T0);

        assertThat(Correlation.isGone(pending, T0.plusSeconds(10), null, WINDOW)).isFalse();
        assertThat(Correlation.isGone(pending, T0.plusSeconds(10).plusMillis(1), null, WINDOW)).isTrue();
        assertThat(Correlation.isGone(pending, null, null, WINDOW)).isFalse();
        assertThat(Correlation.isGone(pending, T0.plusSeconds(11),
                watch(MailboxEvent.WatchState.CONNECTED, T0.minusSeconds(3600)), WINDOW)).isTrue();
    }

    @Test
    void noRemovalIsGoneWhileTheWatchIsBlindHoweverLate() {
        PendingRemoval pending = pendingAt(T0);

        for (MailboxEvent.WatchState blind : List.of(MailboxEvent.WatchState.AUTH_FAILED,
                MailboxEvent.WatchState.UNREACHABLE, MailboxEvent.WatchState.TLS_FAILED)) {
            assertThat(Correlation.isGone(pending, T0.plusSeconds(86_400), watch(blind, T0.plusSeconds(2)), WINDOW))
                    .as(blind.name()).isFalse();
        }
    }

    @Test
    void afterTheWatchSeesAgainTheWindowRunsFromThatMoment() {
        PendingRemoval pending = pendingAt(T0);
        WatchStatus connectedAgain = watch(MailboxEvent.WatchState.CONNECTED, T0.plusSeconds(300));

        assertThat(Correlation.isGone(pending, T0.plusSeconds(310), connectedAgain, WINDOW)).isFalse();
        assertThat(Correlation.isGone(pending, T0.plusSeconds(311), connectedAgain, WINDOW)).isTrue();
    }

    @Test
    void aRemovalAndAnArrivalFoundOnEitherSideOfAGapMeetThroughTheirIntervals() {
        MailboxEvent event = Mail.removed(ACCOUNT, "INBOX", FolderRole.INBOX, 1, Message.numbered(1), T0);
        PendingRemoval liveRemoval = new PendingRemoval(ACCOUNT, KnownMessage.atRemoval(null, event), T0, null);
        RecentArrival foundOnResync = new RecentArrival("Junk", FolderRole.JUNK, 5, 3, T0.plusSeconds(3600),
                T0.minusSeconds(60));
        RecentArrival foundOnResyncLater = new RecentArrival("Junk", FolderRole.JUNK, 5, 3, T0.plusSeconds(3600),
                T0.plusSeconds(11));
        PendingRemoval resyncRemoval = new PendingRemoval(ACCOUNT, KnownMessage.atRemoval(null, event),
                T0.plusSeconds(3600), T0.minusSeconds(60));
        RecentArrival liveArrival = new RecentArrival("Junk", FolderRole.JUNK, 5, 3, T0.plusSeconds(5), null);
        RecentArrival sameFolder = new RecentArrival("INBOX", FolderRole.INBOX, 5, 3, T0.plusSeconds(3600),
                T0.minusSeconds(60));

        assertThat(Correlation.isMoveOf(liveRemoval, foundOnResync, WINDOW)).isTrue();
        assertThat(Correlation.isMoveOf(liveRemoval, foundOnResyncLater, WINDOW)).as("arrived after the window").isFalse();
        assertThat(Correlation.isMoveOf(resyncRemoval, liveArrival, WINDOW)).isTrue();
        assertThat(Correlation.isMoveOf(new PendingRemoval(ACCOUNT, KnownMessage.atRemoval(null, event),
                T0.plusSeconds(3600), T0.plusSeconds(16)), liveArrival, WINDOW)).as("left after the window").isFalse();
        assertThat(Correlation.isMoveOf(liveRemoval, sameFolder, WINDOW)).isFalse();
    }

    @Test
    void anArrivalIsForgottenOnlyTwoWindowsAfterItWasSeen() {
        RecentArrival arrival = new RecentArrival("Junk", FolderRole.JUNK, 5, 3, T0, null);

        assertThat(Correlation.isStale(arrival, T0.plusSeconds(20), WINDOW)).isFalse();
        assertThat(Correlation.isStale(arrival, T0.plusSeconds(21), WINDOW)).isTrue();
    }

    @Test
    void aVerdictInAFolderIsAMoveThereOnTheFolderCheck() {
        Message message = Message.numbered(9);
        KnownMessage arrived = KnownMessage.arrived(Mail.arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 9, message, T0));
        MailboxEvent removal = Mail.removedInto(ACCOUNT, "INBOX", FolderRole.INBOX, 9, message, T0.plusSeconds(40),
                "Newsletters", FolderRole.OTHER, 77);

        Disappearance d = Correlation.checked(KnownMessage.atRemoval(arrived, removal), removal);

        assertThat(d.destination()).isEqualTo(Disappearance.Destination.MOVED);
        assertThat(d.movedToFolder()).isEqualTo("Newsletters");
        assertThat(d.movedToRole()).isEqualTo(FolderRole.OTHER);
        assertThat(d.basis()).isEqualTo(Disappearance.Basis.FOLDER_CHECK);
        assertThat(d.checkedAt()).isEqualTo(T0.plusSeconds(40));
        assertThat(d.foldersChecked()).isEqualTo(Mail.OTHER_FOLDERS);
        assertThat(d.dwellTime()).isEqualTo(Duration.ofSeconds(40));
        assertThat(d.removedAt()).isEqualTo(T0.plusSeconds(40));
    }

    @Test
    void aVerdictInNoFolderIsGoneOnTheFolderCheckWithWhenAndWhereItWasLookedFor() {
        Message message = Message.numbered(10);
        MailboxEvent removal = Mail.removed(ACCOUNT, "INBOX", FolderRole.INBOX, 10, message, T0.plusSeconds(40))
                .withVerdict(Verdict.inNoFolder(T0.plusSeconds(41), List.of("Junk", "Trash")));

        Disappearance d = Correlation.checked(KnownMessage.atRemoval(null, removal), removal);

        assertThat(d.destination()).isEqualTo(Disappearance.Destination.GONE);
        assertThat(d.movedToFolder()).isNull();
        assertThat(d.movedToRole()).isNull();
        assertThat(d.basis()).isEqualTo(Disappearance.Basis.FOLDER_CHECK);
        assertThat(d.checkedAt()).isEqualTo(T0.plusSeconds(41));
        assertThat(d.foldersChecked()).containsExactly("Junk", "Trash");
    }

    @Test
    void theCorrelationKeyIsTheMessageIdElseAFingerprintThatIgnoresTheFolder() {
        Instant date = T0;
        KnownMessage withId = new KnownMessage("INBOX", FolderRole.INBOX, 1, 1, "<a@x>", "a@x", "Hi", date, null, null);
        KnownMessage inboxNoId = new KnownMessage("INBOX", FolderRole.INBOX, 1, 1, null, "a@x", "Hi", date, null, null);
        KnownMessage junkNoId = new KnownMessage("Junk", FolderRole.JUNK, 9, 4, null, "a@x", "Hi", date, null, null);
        KnownMessage nothing = new KnownMessage("INBOX", FolderRole.INBOX, 1, 1, null, null, null, null, null, null);

        assertThat(CorrelationKey.of(withId)).contains("mid:<a@x>");
        assertThat(CorrelationKey.of(inboxNoId)).isEqualTo(CorrelationKey.of(junkNoId)).isPresent();
        assertThat(CorrelationKey.of(nothing)).isEmpty();
    }
}

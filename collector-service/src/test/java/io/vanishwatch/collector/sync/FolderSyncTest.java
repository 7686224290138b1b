package io.vanishwatch.collector.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.MailboxEvent.DetectedBy;
import io.vanishwatch.events.MailboxEvent.Type;
import io.vanishwatch.events.MessageSummary;

class FolderSyncTest {

    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
    private static final Instant T1 = Instant.parse("2025-03-01T08:05:00Z");

    private static MessageSummary message(String id, String... flags) {
        return new MessageSummary("<" + id + "@example.org>", "Bob <bob@example.org>", "About " + id, 1200,
                T0.minusSeconds(60), Set.of(flags));
    }

    private static SyncContext at(Instant when, DetectedBy detectedBy) {
        return new SyncContext("office", "INBOX", FolderRole.INBOX, when, detectedBy);
    }

    private static FolderState known(long uidValidity, Map<Long, MessageSummary> messages) {
        long uidNext = messages.isEmpty() ? 1 : new TreeMap<>(messages).lastKey() + 1;
        return new FolderState("INBOX", FolderRole.INBOX, new FolderStatus(uidValidity, uidNext, messages.size(), -1, -1),
                new TreeMap<>(messages), T0);
    }

    private static FolderSnapshot snapshot(long uidValidity, long uidNext, Map<Long, Set<String>> flags) {
        return FolderSnapshot.of(new FolderStatus(uidValidity, uidNext, flags.size(), -1, -1), flags);
    }

    @Test
    void theFirstSyncSetsABaselineWithoutOneArrivalPerExistingMessage() {
        FolderSnapshot now = FolderSnapshot.of(7, Map.of(1L, Set.of("\\Seen"), 2L, Set.of()));
        assertThat(FolderSync.uidsToDescribe(null, now, false)).containsExactly(1L, 2L);

        SyncResult result = FolderSync.synchronise(null, now, Map.of(1L, message("a"), 2L, message("b")),
                at(T0, DetectedBy.RESYNC));

        assertThat(result.events()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(Type.FOLDER_RESYNCED);
            assertThat(e.uidValidity()).isEqualTo(7);
            assertThat(e.reason()).contains("2 messages");
        });
        assertThat(result.state().messages()).containsOnlyKeys(1L, 2L);
        assertThat(result.state().messages().get(1L).flags()).containsExactly("\\Seen");
        assertThat(result.state().syncedAt()).isEqualTo(T0);
    }

    @Test
    void aNewUidIsAnArrivalDescribedByItsEnvelope() {
        FolderState before = known(7, Map.of(1L, message("a")));
        FolderSnapshot now = FolderSnapshot.of(7, Map.of(1L, Set.of(), 2L, Set.of()));
        assertThat(FolderSync.uidsToDescribe(before, now, false)).containsExactly(2L);

        SyncResult result = FolderSync.synchronise(before, now, Map.of(2L, message("b")), at(T1, DetectedBy.IDLE));

        assertThat(result.events()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(Type.ARRIVED);
            assertThat(e.uid()).isEqualTo(2);
            assertThat(e.messageId()).isEqualTo("<b@example.org>");
            assertThat(e.subject()).isEqualTo("About b");
            assertThat(e.detectedBy()).isEqualTo(DetectedBy.IDLE);
            assertThat(e.observedAt()).isEqualTo(T1);
        });
        assertThat(result.state().messages()).containsOnlyKeys(1L, 2L);
    }

    @Test
    void aMissingUidIsARemovalDescribedAsTheMessageWasLastSeen() {
        FolderState before = known(7, Map.of(1L, message("a", "\\Seen"), 2L, message("b")));
        FolderSnapshot now = FolderSnapshot.of(7, Map.of(2L, Set.of()));

        SyncResult result = FolderSync.synchronise(before, now, Map.of(), at(T1, DetectedBy.IDLE));

        assertThat(result.events()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(Type.REMOVED);
            assertThat(e.uid()).isEqualTo(1);
            assertThat(e.messageId()).isEqualTo("<a@example.org>");
            assertThat(e.from()).isEqualTo("Bob <bob@example.org>");
            assertThat(e.flags()).containsExactly("\\Seen");
            assertThat(e.lastSeenAt()).as("live removals need no interval").isNull();
        });
        assertThat(result.state().messages()).containsOnlyKeys(2L);
    }

    @Test
    void aRemovalFoundOnResyncHappenedSinceThePreviousSync() {
        FolderState before = known(7, Map.of(1L, message("a")));
        FolderSnapshot now = FolderSnapshot.of(7, Map.of());

        SyncResult result = FolderSync.synchronise(before, now, Map.of(), at(T1, DetectedBy.RESYNC));

        assertThat(result.events()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(Type.REMOVED);
            assertThat(e.detectedBy()).isEqualTo(DetectedBy.RESYNC);
            assertThat(e.lastSeenAt()).isEqualTo(T0);
            assertThat(e.observedAt()).isEqualTo(T1);
        });
    }

    @Test
    void changedFlagsAreAFlagChangeAndTheNewFlagsAreKept() {
        FolderState before = known(7, Map.of(1L, message("a")));
        FolderSnapshot now = FolderSnapshot.of(7, Map.of(1L, Set.of("\\Seen")));

        SyncResult result = FolderSync.synchronise(before, now, Map.of(), at(T1, DetectedBy.RESYNC));

        assertThat(result.events()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(Type.FLAGS_CHANGED);
            assertThat(e.flags()).containsExactly("\\Seen");
            assertThat(e.messageId()).isEqualTo("<a@example.org>");
        });
        assertThat(result.state().messages().get(1L).seen()).isTrue();
    }

    @Test
    void recentIsASessionFlagAndNoChange() {
        FolderState before = known(7, Map.of(1L, message("a")));
        FolderSnapshot now = FolderSnapshot.of(7, Map.of(1L, Set.of("\\Recent")));

        assertThat(FolderSync.synchronise(before, now, Map.of(), at(T1, DetectedBy.IDLE)).events()).isEmpty();
    }

    @Test
    void nothingChangedGivesNoEventsButMovesTheLastSyncTime() {
        FolderState before = known(7, Map.of(1L, message("a")));
        FolderSnapshot now = FolderSnapshot.of(7, Map.of(1L, Set.of()));

        SyncResult result = FolderSync.synchronise(before, now, Map.of(), at(T1, DetectedBy.RESYNC));

        assertThat(result.events()).isEmpty();
        assertThat(result.state().syncedAt()).isEqualTo(T1);
    }

    @Test
    void aNewUidValidityResetsTheBaselineWithoutRemovalsAndOnlyMessagesNotHeldBeforeArrive() {
        // given a and b known; the server rebuilt the mailbox: b is gone, a has a new UID, c is new
        FolderState before = known(7, Map.of(1L, message("a"), 2L, message("b")));
        FolderSnapshot now = FolderSnapshot.of(8, Map.of(1L, Set.of(), 2L, Set.of()));
        assertThat(FolderSync.uidsToDescribe(before, now, false)).containsExactly(1L, 2L);

        SyncResult result = FolderSync.synchronise(before, now, Map.of(1L, message("a"), 2L, message("c")),
                at(T1, DetectedBy.RESYNC));

        assertThat(result.events()).extracting(MailboxEvent::type, MailboxEvent::uid).containsExactly(
                tuple(Type.UIDVALIDITY_CHANGED, -1L), tuple(Type.ARRIVED, 2L));
        assertThat(result.events().get(0).reason()).contains("from 7 to 8");
        assertThat(result.events().get(1).messageId()).isEqualTo("<c@example.org>");
        assertThat(result.state().uidValidity()).isEqualTo(8);
        assertThat(result.state().messages().get(1L).messageId()).isEqualTo("<a@example.org>");
    }

    @Test
    void uidNextGoingBackUnderTheSameUidValidityIsARecreatedMailboxNotAMassRemoval() {
        // given a folder known up to UID 3, and a server that recreated it (GreenMail within the same second)
        FolderState before = known(7, Map.of(1L, message("a"), 2L, message("b"), 3L, message("c")));
        FolderSnapshot now = snapshot(7, 2, Map.of(1L, Set.of()));
        assertThat(FolderSync.uidsToDescribe(before, now, false)).containsExactly(1L);

        SyncResult result = FolderSync.synchronise(before, now, Map.of(1L, message("new")), at(T1, DetectedBy.RESYNC));

        assertThat(result.events()).extracting(MailboxEvent::type)
                .containsExactly(Type.UIDVALIDITY_CHANGED, Type.ARRIVED);
        assertThat(result.events().get(0).reason()).contains("UIDNEXT went back from 4 to 2");
        assertThat(result.state().messages().get(1L).messageId()).isEqualTo("<new@example.org>");
    }

    @Test
    void theHighestKnownUidHoldingAnotherMessageIsARecreatedMailboxToo() {
        // given UID 1 known as message a, and after a reconnect UID 1 holds message b under the same UIDVALIDITY
        FolderState before = known(7, Map.of(1L, message("a")));
        FolderSnapshot now = snapshot(7, 2, Map.of(1L, Set.of()));
        assertThat(FolderSync.uidsToDescribe(before, now, true)).as("the identity check describes UID 1 again")
                .containsExactly(1L);

        SyncResult result = FolderSync.synchronise(before, now, Map.of(1L, message("b")), at(T1, DetectedBy.RESYNC));

        assertThat(result.events()).extracting(MailboxEvent::type)
                .containsExactly(Type.UIDVALIDITY_CHANGED, Type.ARRIVED);
        assertThat(result.events().get(0).reason()).contains("UID 1 now holds another message");
        // and the same message at the same UID is no reason for a new baseline
        assertThat(FolderSync.synchronise(before, now, Map.of(1L, message("a")), at(T1, DetectedBy.RESYNC)).events())
                .isEmpty();
    }

    @Test
    void theMessagesOfAFolderThatAppearedWhileWatchingArrive() {
        FolderSnapshot now = snapshot(9, 3, Map.of(1L, Set.of(), 2L, Set.of("\\Seen")));
        SyncContext context = new SyncContext("office", "Newsletters", FolderRole.OTHER, T1, DetectedBy.SCOUT);

        SyncResult result = FolderSync.synchronise(FolderSync.emptyFolder(context, now), now,
                Map.of(1L, message("a"), 2L, message("b")), context);

        assertThat(result.events()).extracting(MailboxEvent::type, MailboxEvent::uid, MailboxEvent::folder)
                .containsExactly(tuple(Type.ARRIVED, 1L, "Newsletters"), tuple(Type.ARRIVED, 2L, "Newsletters"));
        assertThat(result.state().status().uidNext()).isEqualTo(3);
    }

    @Test
    void anArrivalFoundOnResyncCarriesTheIntervalItHappenedIn() {
        FolderState before = known(7, Map.of());
        FolderSnapshot now = snapshot(7, 2, Map.of(1L, Set.of()));

        SyncResult result = FolderSync.synchronise(before, now, Map.of(1L, message("a")), at(T1, DetectedBy.RESYNC));

        assertThat(result.events()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(Type.ARRIVED);
            assertThat(e.lastSeenAt()).isEqualTo(T0);
        });
    }

    @Test
    void aMessageGoneBeforeItCouldBeDescribedStillArrivesSoItsRemovalIsReportedNext() {
        FolderState before = known(7, Map.of());
        FolderSnapshot now = FolderSnapshot.of(7, Map.of(3L, Set.of()));

        SyncResult arrived = FolderSync.synchronise(before, now, Map.of(), at(T1, DetectedBy.IDLE));
        SyncResult removed = FolderSync.synchronise(arrived.state(), FolderSnapshot.of(7, Map.of()), Map.of(),
                at(T1.plusSeconds(1), DetectedBy.IDLE));

        assertThat(arrived.events()).extracting(MailboxEvent::type, MailboxEvent::uid)
                .containsExactly(tuple(Type.ARRIVED, 3L));
        assertThat(removed.events()).extracting(MailboxEvent::type, MailboxEvent::uid)
                .containsExactly(tuple(Type.REMOVED, 3L));
    }

    @Test
    void removalsComeBeforeFlagChangesAndArrivalsInUidOrder() {
        FolderState before = known(7, Map.of(1L, message("a"), 2L, message("b"), 3L, message("c")));
        FolderSnapshot now = FolderSnapshot.of(7, Map.of(2L, Set.of("\\Flagged"), 5L, Set.of(), 4L, Set.of()));

        SyncResult result = FolderSync.synchronise(before, now, Map.of(4L, message("d"), 5L, message("e")),
                at(T1, DetectedBy.IDLE));

        assertThat(result.events()).extracting(MailboxEvent::type, MailboxEvent::uid).containsExactly(
                tuple(Type.REMOVED, 1L),
                tuple(Type.REMOVED, 3L),
                tuple(Type.FLAGS_CHANGED, 2L),
                tuple(Type.ARRIVED, 4L),
                tuple(Type.ARRIVED, 5L));
    }

    @Test
    void anArrivalWithAnOverlongSubjectIsPublishedAndRemovedAsTheWatcherKeepsIt() {
        FolderState before = known(7, Map.of(1L, message("a")));
        MessageSummary spam = new MessageSummary("<s@x>", "Winner <w@x>", "WIN ".repeat(100), 900, T0, Set.of());

        SyncResult arrived = FolderSync.synchronise(before, FolderSnapshot.of(7, Map.of(1L, Set.of(), 2L, Set.of())),
                Map.of(2L, spam), at(T1, DetectedBy.IDLE));
        SyncResult removed = FolderSync.synchronise(arrived.state(), FolderSnapshot.of(7, Map.of(1L, Set.of())),
                Map.of(), at(T1.plusSeconds(5), DetectedBy.IDLE));

        String kept = "WIN ".repeat(100).substring(0, 199) + "…";
        assertThat(arrived.events()).singleElement().satisfies(e -> assertThat(e.subject()).isEqualTo(kept));
        assertThat(removed.events()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(Type.REMOVED);
            assertThat(e.subject()).isEqualTo(kept);
            assertThat(e.messageId()).isEqualTo("<s@x>");
        });
        assertThat(removed.state().messages().get(1L)).as("the message that stayed is shared, not re-described")
                .isEqualTo(message("a"));
    }
}

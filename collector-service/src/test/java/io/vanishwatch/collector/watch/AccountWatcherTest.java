package io.vanishwatch.collector.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vanishwatch.collector.checkpoint.CheckpointRecord;
import io.vanishwatch.collector.checkpoint.CheckpointStore;
import io.vanishwatch.collector.config.AccountSettings;
import io.vanishwatch.collector.config.Password;
import io.vanishwatch.collector.config.Security;
import io.vanishwatch.collector.imap.Changes;
import io.vanishwatch.collector.imap.MailboxException;
import io.vanishwatch.collector.imap.MailboxException.Failure;
import io.vanishwatch.collector.publish.EventPublisher;
import io.vanishwatch.collector.publish.Publication;
import io.vanishwatch.collector.publish.PublishException;
import io.vanishwatch.collector.sync.DescriptionStore;
import io.vanishwatch.collector.sync.FolderState;
import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.JsonSerde;
import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.MailboxEvent.DetectedBy;
import io.vanishwatch.events.MailboxEvent.Type;
import io.vanishwatch.events.MailboxEvent.WatchState;
import io.vanishwatch.events.Verdict;
import io.vanishwatch.local.time.MovableClock;

/** The account watch's connections, resyncs and verdicts, against a scripted server and a clock that moves on cue. */
class AccountWatcherTest {

    private static final Instant START = Instant.parse("2025-03-01T08:00:00Z");
    private static final WatchSettings TIMING = new WatchSettings(Duration.ofSeconds(1), Duration.ofSeconds(10),
            Duration.ofMinutes(25), Duration.ofSeconds(60), Duration.ofSeconds(15));

    private final MovableClock clock = new MovableClock(START);
    private final FakeImapServer server = new FakeImapServer();
    private final RecordingPublisher publisher = new RecordingPublisher();
    private final List<Duration> pauses = new ArrayList<>();
    private int stopAfterPauses = Integer.MAX_VALUE;

    @BeforeEach
    void office() {
        server.folder("Junk", "\\Junk");
        server.folder("Trash", "\\Trash");
        server.folder("Newsletters");
    }

    private static AccountSettings account(int maxConnections, List<String> exclude) {
        return new AccountSettings("office", "127.0.0.1", 143, Security.PLAIN, true, "alice", new Password("pw"),
                "INBOX", Optional.empty(), Optional.empty(), exclude, maxConnections);
    }

    private AccountWatcher watcher(AccountSettings account, Map<String, FolderState> restored) {
        AccountWatcher watcher = new AccountWatcher(account, restored, server, publisher, TIMING, clock, duration -> {
            pauses.add(duration);
            clock.advance(duration);
            if (pauses.size() >= stopAfterPauses) {
                server.watcher.stop();
            }
        });
        server.watcher = watcher;
        return watcher;
    }

    private AccountWatcher watcher() {
        return watcher(account(2, List.of()), Map.of());
    }

    private static MailboxException failure(Failure failure, String reason) {
        return new MailboxException(failure, reason);
    }

    private static Changes selectedChanged() {
        return new Changes(true, Set.of(), false);
    }

    @Test
    void theFirstConnectionSetsOneBaselinePerFolderWithinABudgetOfTwoConnections() {
        server.deliver("INBOX", "<a@x>");
        AccountWatcher watcher = watcher();

        watcher.run();

        assertThat(publisher.events).extracting(MailboxEvent::type, MailboxEvent::folder, MailboxEvent::folderRole)
                .containsExactly(
                        tuple(Type.WATCH_STATE, "INBOX", FolderRole.INBOX),
                        tuple(Type.FOLDER_RESYNCED, "INBOX", FolderRole.INBOX),
                        tuple(Type.FOLDER_RESYNCED, "Junk", FolderRole.JUNK),
                        tuple(Type.FOLDER_RESYNCED, "Trash", FolderRole.TRASH),
                        tuple(Type.FOLDER_RESYNCED, "Newsletters", FolderRole.OTHER));
        assertThat(server.mostOpenAtOnce).isEqualTo(2);
        assertThat(server.open).as("every connection closed when stopped").isZero();
        assertThat(watcher.status().state()).isEqualTo(WatchStatus.State.STOPPED);
    }

    @Test
    void aBudgetOfOneConnectionWatchesEveryFolderOnThatOne() {
        server.deliver("Newsletters", "<n1@x>");
        server.steps.add(s -> {
            s.move("Newsletters", "<n1@x>", "Trash");
            return new Changes(false, Set.of("Newsletters", "Trash"), false);
        });
        AccountWatcher watcher = watcher(account(1, List.of()), Map.of());
        server.notify = true;

        watcher.run();

        assertThat(server.mostOpenAtOnce).isEqualTo(1);
        MailboxEvent removed = publisher.only(Type.REMOVED);
        assertThat(removed.folder()).isEqualTo("Newsletters");
        assertThat(removed.verdict().folder()).isEqualTo("Trash");
    }

    @Test
    void aMessageMovedOutOfInboxIsRemovedWithAVerdictNamingTheFolderItWentTo() {
        server.deliver("INBOX", "<n1@shop.example>");
        server.steps.add(s -> {
            clock.advance(Duration.ofSeconds(2));
            s.move("INBOX", "<n1@shop.example>", "Newsletters");
            return selectedChanged();
        });
        AccountWatcher watcher = watcher();

        watcher.run();

        MailboxEvent removed = publisher.only(Type.REMOVED);
        assertThat(removed.folder()).isEqualTo("INBOX");
        assertThat(removed.detectedBy()).isEqualTo(DetectedBy.IDLE);
        assertThat(removed.verdict()).satisfies(v -> {
            assertThat(v.location()).isEqualTo(Verdict.Location.IN_FOLDER);
            assertThat(v.folder()).isEqualTo("Newsletters");
            assertThat(v.folderRole()).isEqualTo(FolderRole.OTHER);
            assertThat(v.uid()).isEqualTo(1);
            assertThat(v.checkedAt()).isEqualTo(START.plusSeconds(2));
        });
        MailboxEvent arrived = publisher.only(Type.ARRIVED);
        assertThat(arrived.folder()).isEqualTo("Newsletters");
        assertThat(arrived.detectedBy()).isEqualTo(DetectedBy.SCOUT);
    }

    @Test
    void mailReadAndMovedBetweenTwoSyncsLeftRead() {
        server.deliver("INBOX", "<minutes@x>");
        server.steps.add(s -> {
            Map<Long, io.vanishwatch.events.MessageSummary> inbox = s.folders.get("INBOX").messages;
            inbox.replaceAll((uid, m) -> m.withFlags(Set.of(MailboxEvent.SEEN)));
            s.move("INBOX", "<minutes@x>", "Archive");
            return selectedChanged();
        });
        server.folder("Archive", "\\Archive");

        watcher().run();

        MailboxEvent removed = publisher.only(Type.REMOVED);
        assertThat(removed.seen()).as("the copy in Archive carries the \\Seen set before the move").isTrue();
        assertThat(removed.verdict().folderRole()).isEqualTo(FolderRole.ARCHIVE);
    }

    @Test
    void aMoveWhoseCopyIsReadARoundBeforeItsExpungeStillLeftReadForThatFolder() {
        server.folder("Archive", "\\Archive");
        server.deliver("INBOX", "<notes@x>");
        server.steps.add(s -> {
            // the server reports the copy in Archive first ...
            s.folders.get("Archive").add(FakeImapServer.message("<notes@x>").withFlags(Set.of(MailboxEvent.SEEN)));
            clock.advance(Duration.ofSeconds(1));
            return new Changes(false, Set.of("Archive"), false);
        });
        server.steps.add(s -> {
            // ... and the expunge in INBOX in the next round
            s.expunge("INBOX", "<notes@x>");
            clock.advance(Duration.ofSeconds(1));
            return selectedChanged();
        });
        server.notify = true;

        watcher().run();

        MailboxEvent removed = publisher.only(Type.REMOVED);
        assertThat(removed.verdict().folder()).isEqualTo("Archive");
        assertThat(removed.seen()).isTrue();
    }

    @Test
    void aMessageInNoFolderAnyMoreIsRemovedInNoFolderNamingTheFoldersChecked() {
        server.deliver("INBOX", "<invoice@parts.example>");
        server.steps.add(s -> {
            s.expunge("INBOX", "<invoice@parts.example>");
            return selectedChanged();
        });

        watcher().run();

        assertThat(publisher.only(Type.REMOVED).verdict()).satisfies(v -> {
            assertThat(v.location()).isEqualTo(Verdict.Location.IN_NO_FOLDER);
            assertThat(v.foldersChecked()).containsExactly("Junk", "Trash", "Newsletters");
        });
    }

    @Test
    void anExcludedFolderIsNotWatchedButIsSearchedForAMessageThatLeft() {
        server.folder("Archive/2019");
        server.deliver("INBOX", "<old@x>");
        server.steps.add(s -> {
            s.move("INBOX", "<old@x>", "Archive/2019");
            return selectedChanged();
        });

        watcher(account(2, List.of("Archive/*")), Map.of()).run();

        assertThat(publisher.events).noneMatch(e -> "Archive/2019".equals(e.folder()));
        assertThat(publisher.only(Type.REMOVED).verdict()).satisfies(v -> {
            assertThat(v.location()).isEqualTo(Verdict.Location.IN_FOLDER);
            assertThat(v.folder()).isEqualTo("Archive/2019");
            assertThat(v.foldersChecked()).contains("Archive/2019");
        });
    }

    @Test
    void withoutNotifyTheOtherFoldersArePolledAndChangesThereAreFound() {
        server.deliver("Newsletters", "<n1@x>");
        server.steps.add(s -> {
            s.expunge("Newsletters", "<n1@x>");
            clock.advance(Duration.ofSeconds(15));
            return Changes.NONE;
        });

        watcher().run();

        assertThat(server.waitsAskedFor.get(0)).isEqualTo(Duration.ofSeconds(15));
        MailboxEvent removed = publisher.only(Type.REMOVED);
        assertThat(removed.folder()).isEqualTo("Newsletters");
        assertThat(removed.detectedBy()).isEqualTo(DetectedBy.SCOUT);
        assertThat(removed.verdict().location()).isEqualTo(Verdict.Location.IN_NO_FOLDER);
    }

    @Test
    void withNotifyTheWatchWaitsForTheServerUpToTheResyncInterval() {
        server.notify = true;

        watcher().run();

        assertThat(server.waitsAskedFor).containsExactly(Duration.ofSeconds(60));
    }

    @Test
    void foldersCreatedAndDeletedWhileWatchingAreFollowed() {
        server.deliver("Newsletters", "<n1@x>");
        server.deliver("INBOX", "<n1@x>");
        server.steps.add(s -> {
            s.folders.remove("Newsletters");
            s.folder("Projects").add(FakeImapServer.message("<p1@x>"));
            return new Changes(false, Set.of(), true);
        });

        watcher().run();

        assertThat(publisher.events).filteredOn(e -> e.type() != Type.WATCH_STATE && e.type() != Type.FOLDER_RESYNCED)
                .extracting(MailboxEvent::type, MailboxEvent::folder)
                .containsExactly(
                        tuple(Type.REMOVED, "Newsletters"),
                        tuple(Type.FOLDER_REMOVED, "Newsletters"),
                        tuple(Type.FOLDER_ADDED, "Projects"),
                        tuple(Type.ARRIVED, "Projects"));
        assertThat(publisher.only(Type.REMOVED).verdict().folder()).as("a copy is still in INBOX").isEqualTo("INBOX");
    }

    @Test
    void aFolderCreatedWhileWatchingIsReadAtOnceWhenTheServerSaysSo() {
        server.notify = true;
        server.steps.add(s -> {
            s.folder("Receipts").add(FakeImapServer.message("<r1@x>"));
            return new Changes(false, Set.of(), true);
        });

        watcher().run();

        assertThat(publisher.events).filteredOn(e -> "Receipts".equals(e.folder()))
                .extracting(MailboxEvent::type, MailboxEvent::messageId, MailboxEvent::detectedBy)
                .containsExactly(tuple(Type.FOLDER_ADDED, null, DetectedBy.SCOUT),
                        tuple(Type.ARRIVED, "<r1@x>", DetectedBy.SCOUT));
    }

    @Test
    void aRemovalWhileDisconnectedIsFoundOnResyncWithTheTimeOfThePreviousSync() {
        server.deliver("INBOX", "<one@x>");
        server.deliver("INBOX", "<two@x>");
        server.steps.add(s -> {
            s.expunge("INBOX", "<one@x>");
            throw failure(Failure.CONNECTION_LOST, "connection lost while idle");
        });

        watcher().run();

        MailboxEvent removed = publisher.only(Type.REMOVED);
        assertThat(removed.messageId()).isEqualTo("<one@x>");
        assertThat(removed.detectedBy()).isEqualTo(DetectedBy.RESYNC);
        assertThat(removed.lastSeenAt()).isEqualTo(START);
        assertThat(removed.observedAt()).isEqualTo(START.plusSeconds(1));
        assertThat(removed.verdict().location()).isEqualTo(Verdict.Location.IN_NO_FOLDER);
    }

    @Test
    void aRestartFromTheCheckpointsReportsOnlyWhatChangedWhileTheCollectorWasAway() throws Exception {
        // given a first collector that watched the account and published its checkpoints
        server.deliver("INBOX", "<stays@x>");
        server.deliver("INBOX", "<filed@x>");
        server.deliver("INBOX", "<taken@x>");
        AccountWatcher first = watcher();
        first.run();
        Map<String, FolderState> restored = restore(publisher.publications);
        assertThat(restored).isEqualTo(first.states());

        // when, while no collector runs, one message is filed, one taken off the server and one arrives
        server.move("INBOX", "<filed@x>", "Newsletters");
        server.expunge("INBOX", "<taken@x>");
        server.deliver("INBOX", "<new@x>");
        clock.advance(Duration.ofMinutes(5));
        publisher.events.clear();
        watcher(account(2, List.of()), restored).run();

        // then exactly those changes are published, found on resync, with verdicts, and no new baseline
        assertThat(publisher.events).filteredOn(e -> e.type() != Type.WATCH_STATE)
                .extracting(MailboxEvent::type, MailboxEvent::folder, MailboxEvent::messageId)
                .containsExactlyInAnyOrder(
                        tuple(Type.REMOVED, "INBOX", "<filed@x>"),
                        tuple(Type.REMOVED, "INBOX", "<taken@x>"),
                        tuple(Type.ARRIVED, "INBOX", "<new@x>"),
                        tuple(Type.ARRIVED, "Newsletters", "<filed@x>"));
        assertThat(publisher.events).filteredOn(e -> e.type() == Type.REMOVED).allSatisfy(e -> {
            assertThat(e.detectedBy()).isEqualTo(DetectedBy.RESYNC);
            assertThat(e.lastSeenAt()).isEqualTo(START);
        });
        assertThat(publisher.events).filteredOn(e -> e.type() == Type.REMOVED)
                .extracting(e -> e.messageId() + " " + e.verdict().location() + " " + e.verdict().folder())
                .containsExactlyInAnyOrder("<filed@x> IN_FOLDER Newsletters", "<taken@x> IN_NO_FOLDER null");
    }

    @Test
    void aWrongPasswordIsRetriedWithDoublingBackoffAndReportedOnce() {
        for (int i = 0; i < 6; i++) {
            server.openFailures.add(failure(Failure.AUTH_FAILED, "authentication failed"));
        }
        stopAfterPauses = 6;
        AccountWatcher watcher = watcher();

        watcher.run();

        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(8), Duration.ofSeconds(10), Duration.ofSeconds(10));
        assertThat(publisher.events).extracting(MailboxEvent::type, MailboxEvent::watchState, MailboxEvent::reason)
                .containsExactly(tuple(Type.WATCH_STATE, WatchState.AUTH_FAILED, "authentication failed"));
        assertThat(watcher.reconnects()).isEqualTo(6);
    }

    @Test
    void withPacingTheFirstLoginWaitsItsJitterAndEveryRetryWaitsAtLeastHalfItsBackoff() {
        for (int i = 0; i < 4; i++) {
            server.openFailures.add(failure(Failure.UNREACHABLE, "cannot connect: Connection refused"));
        }
        stopAfterPauses = 5;
        RandomGenerator lowestDraw = new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public long nextLong(long bound) {
                return bound / 4;
            }
        };
        AccountWatcher watcher = new AccountWatcher(account(2, List.of()), Map.of(), server, publisher, TIMING, clock,
                duration -> {
                    pauses.add(duration);
                    clock.advance(duration);
                    if (pauses.size() >= stopAfterPauses) {
                        server.watcher.stop();
                    }
                }, new LoginPacer(4, Duration.ofSeconds(8), lowestDraw));
        server.watcher = watcher;

        watcher.run();

        // a quarter of 8 s before the first login; then backoffs 1, 2, 4, 8 s, each from [b/2, b] (here b/2 + b/8)
        assertThat(pauses).containsExactly(Duration.ofSeconds(2), Duration.ofMillis(625), Duration.ofMillis(1_250),
                Duration.ofMillis(2_500), Duration.ofSeconds(5));
    }

    @Test
    void eachChangeOfStateIsPublishedAndAConnectionResetsTheBackoff() {
        server.openFailures.add(failure(Failure.UNREACHABLE, "cannot connect: Connection refused"));
        server.openFailures.add(failure(Failure.UNREACHABLE, "cannot connect: Connection refused"));
        server.openFailures.add(failure(Failure.TLS_FAILED, "TLS failed: PKIX path building failed"));
        server.steps.add(s -> {
            throw failure(Failure.CONNECTION_LOST, "connection lost while idle");
        });
        AccountWatcher watcher = watcher();

        watcher.run();

        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(1));
        assertThat(publisher.events).filteredOn(e -> e.type() == Type.WATCH_STATE)
                .extracting(MailboxEvent::watchState, MailboxEvent::reason).containsExactly(
                        tuple(WatchState.UNREACHABLE, "cannot connect: Connection refused"),
                        tuple(WatchState.TLS_FAILED, "TLS failed: PKIX path building failed"),
                        tuple(WatchState.CONNECTED, "connected"),
                        tuple(WatchState.CONNECTED, "reconnected"));
        assertThat(publisher.events).filteredOn(e -> e.type() == Type.FOLDER_RESYNCED).hasSize(4);
    }

    @Test
    void aFailedPublishKeepsTheOldStateSoTheNextSyncFindsTheChangeAgain() {
        server.deliver("INBOX", "<a@x>");
        server.steps.add(s -> {
            s.expunge("INBOX", "<a@x>");
            publisher.failNext = true;
            return selectedChanged();
        });
        AccountWatcher watcher = watcher();

        watcher.run();

        assertThat(publisher.events).filteredOn(e -> e.type() == Type.REMOVED).singleElement()
                .satisfies(e -> assertThat(e.detectedBy()).isEqualTo(DetectedBy.RESYNC));
        assertThat(watcher.states().get("INBOX").messages()).isEmpty();
    }

    @Test
    void theFirstRoundAfterAConnectWaitsForABulkReadPermitHeldElsewhere() throws Exception {
        LoginPacer pacer = new LoginPacer(4, Duration.ZERO, () -> 0L, 1);
        AccountWatcher watcher = new AccountWatcher(account(2, List.of()), Map.of(), server, publisher, TIMING, clock,
                duration -> clock.advance(duration), pacer);
        server.watcher = watcher;
        Thread watching = new Thread(watcher);

        LoginPacer.Permit held = pacer.bulkRead(); // another watch's first sync
        watching.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> watching.getState() == Thread.State.WAITING);
        assertThat(publisher.events).as("connected; nothing of the first round read while it waits")
                .extracting(MailboxEvent::type, MailboxEvent::watchState)
                .containsExactly(tuple(Type.WATCH_STATE, WatchState.CONNECTED));

        held.close();
        watching.join(5_000);

        assertThat(watching.isAlive()).isFalse();
        assertThat(publisher.events).filteredOn(e -> e.type() == Type.FOLDER_RESYNCED).extracting(MailboxEvent::folder)
                .containsExactlyInAnyOrder("INBOX", "Junk", "Trash", "Newsletters");
        assertThat(pacer.bulkReadsInProgress()).isZero();
        assertThat(pacer.bulkReadsTaken()).as("the test's and the first round's").isEqualTo(2);
        watcher.releaseStates();
    }

    @Test
    void laterAFolderWithMoreThanABulkReadOfNewMessagesTakesAPermitAndAFewNewMessagesDoNot() {
        LoginPacer pacer = new LoginPacer(4, Duration.ZERO, () -> 0L, 1);
        server.notify = true;
        server.steps.add(s -> {
            FakeImapServer.Folder receipts = s.folder("Receipts");
            for (int i = 0; i <= LoginPacer.BULK_READ; i++) {
                receipts.add(FakeImapServer.message("<r" + i + "@x>"));
            }
            s.folder("Invoices").add(FakeImapServer.message("<i1@x>"));
            return new Changes(false, Set.of(), true);
        });
        AccountWatcher watcher = new AccountWatcher(account(2, List.of()), Map.of(), server, publisher, TIMING, clock,
                duration -> clock.advance(duration), pacer);
        server.watcher = watcher;

        watcher.run();

        assertThat(watcher.states().get("Receipts").messages()).hasSize(LoginPacer.BULK_READ + 1);
        assertThat(watcher.states().get("Invoices").messages()).hasSize(1);
        assertThat(pacer.bulkReadsTaken()).as("the first round, then Receipts").isEqualTo(2);
        watcher.releaseStates();
    }

    @Test
    void everyDescriptionTheWatchHeldGoesBackToTheStoreOnceItStops() {
        DescriptionStore store = DescriptionStore.shared();
        long heldBefore = store.liveEntries();
        long doubleReleasesBefore = store.doubleReleases();
        server.deliver("INBOX", "<a@x>");
        server.deliver("INBOX", "<b@x>");
        server.deliver("Newsletters", "<n@x>");
        server.steps.add(s -> {
            s.move("INBOX", "<a@x>", "Trash"); // a removal with a copy, and a removal gone from the server
            s.expunge("INBOX", "<b@x>");
            return selectedChanged();
        });
        server.steps.add(s -> {
            s.deliver("INBOX", "<c@x>"); // described by a round whose publication fails: read again after
            publisher.failNext = true;
            return selectedChanged();
        });
        server.steps.add(s -> {
            s.folders.remove("Newsletters");
            return new Changes(false, Set.of(), true);
        });
        AccountWatcher watcher = watcher();

        watcher.run();

        assertThat(publisher.events).filteredOn(e -> e.type() == Type.ARRIVED).extracting(MailboxEvent::messageId)
                .contains("<a@x>", "<c@x>");
        long known = watcher.states().values().stream().mapToLong(state -> state.messages().size()).sum();
        assertThat(known).as("a in Trash, c in INBOX").isEqualTo(2);
        assertThat(store.liveEntries() - heldBefore).as("the store holds what the states know, no more")
                .isEqualTo(known);

        watcher.releaseStates();

        assertThat(store.liveEntries()).isEqualTo(heldBefore);
        assertThat(store.doubleReleases()).isEqualTo(doubleReleasesBefore);
        assertThat(watcher.states()).isEmpty();
    }

    private static Map<String, FolderState> restore(List<Publication> publications) throws Exception {
        CheckpointStore.Restoring restoring = new CheckpointStore.Restoring(Set.of("office"));
        for (Publication publication : publications) {
            for (CheckpointRecord record : publication.checkpoints()) {
                restoring.add(JsonSerde.MAPPER.writeValueAsBytes(record.key()),
                        record.value() == null ? null : JsonSerde.MAPPER.writeValueAsBytes(record.value()));
            }
        }
        return restoring.states().getOrDefault("office", Map.of());
    }

    /** Keeps what was published, in order; can fail the next publish on cue. */
    static final class RecordingPublisher implements EventPublisher {
        final List<MailboxEvent> events = new ArrayList<>();
        final List<Publication> publications = new ArrayList<>();
        boolean failNext;

        @Override
        public void publish(Publication publication) throws PublishException {
            if (failNext) {
                failNext = false;
                throw new PublishException("broker unreachable", null);
            }
            publications.add(publication);
            events.addAll(publication.events());
        }

        MailboxEvent only(Type type) {
            List<MailboxEvent> matching = events.stream().filter(e -> e.type() == type).toList();
            assertThat(matching).as("events of type " + type).hasSize(1);
            return matching.get(0);
        }
    }
}

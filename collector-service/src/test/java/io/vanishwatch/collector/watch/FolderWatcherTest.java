package io.vanishwatch.collector.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vanishwatch.collector.config.AccountSettings;
import io.vanishwatch.collector.config.Password;
import io.vanishwatch.collector.config.Security;
import io.vanishwatch.collector.imap.MailboxConnection.Wake;
import io.vanishwatch.collector.imap.MailboxException;
import io.vanishwatch.collector.imap.MailboxException.Failure;
import io.vanishwatch.collector.imap.WatchTarget;
import io.vanishwatch.collector.publish.EventPublisher;
import io.vanishwatch.collector.publish.PublishException;
import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.MailboxEvent.DetectedBy;
import io.vanishwatch.events.MailboxEvent.Type;
import io.vanishwatch.events.MailboxEvent.WatchState;
import io.vanishwatch.local.time.MovableClock;

/** The watcher's reconnect and resync behaviour, against a scripted mailbox and a clock that only moves on cue. */
class FolderWatcherTest {

    private static final Instant START = Instant.parse("2025-03-01T08:00:00Z");
    private static final AccountSettings OFFICE = new AccountSettings("office", "127.0.0.1", 143, Security.PLAIN,
            true, "alice", new Password("pw"), "INBOX", Optional.empty(), Optional.empty());
    private static final WatchSettings TIMING = new WatchSettings(Duration.ofSeconds(1), Duration.ofSeconds(10),
            Duration.ofMinutes(25), Duration.ofSeconds(60));

    private final MovableClock clock = new MovableClock(START);
    private final FakeMailbox mailbox = new FakeMailbox();
    private final RecordingPublisher publisher = new RecordingPublisher();
    private final List<Duration> pauses = new ArrayList<>();
    private int stopAfterPauses = Integer.MAX_VALUE;
    private FolderWatcher watcher;

    @BeforeEach
    void watchInbox() {
        watcher = watcher(new WatchTarget(OFFICE, FolderRole.INBOX, Optional.of("INBOX")));
    }

    private FolderWatcher watcher(WatchTarget target) {
        FolderWatcher w = new FolderWatcher(target, mailbox, publisher, TIMING, clock, duration -> {
            pauses.add(duration);
            clock.advance(duration);
            if (pauses.size() >= stopAfterPauses) {
                mailbox.watcher.stop();
            }
        });
        mailbox.watcher = w;
        return w;
    }

    private static MailboxException failure(Failure failure, String reason) {
        return new MailboxException(failure, reason);
    }

    @Test
    void aWrongPasswordIsRetriedWithDoublingBackoffAndReportedOnce() {
        for (int i = 0; i < 6; i++) {
            mailbox.openFailures.add(failure(Failure.AUTH_FAILED, "authentication failed"));
        }
        stopAfterPauses = 6;

        watcher.run();

        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(8), Duration.ofSeconds(10), Duration.ofSeconds(10));
        assertThat(publisher.events).extracting(MailboxEvent::type, MailboxEvent::watchState, MailboxEvent::reason)
                .containsExactly(tuple(Type.WATCH_STATE, WatchState.AUTH_FAILED, "authentication failed"));
        assertThat(watcher.reconnects()).isEqualTo(6);
    }

    @Test
    void eachChangeOfStateIsPublishedAndAConnectionResetsTheBackoff() {
        mailbox.openFailures.add(failure(Failure.UNREACHABLE, "cannot connect: Connection refused"));
        mailbox.openFailures.add(failure(Failure.UNREACHABLE, "cannot connect: Connection refused"));
        mailbox.openFailures.add(failure(Failure.TLS_FAILED, "TLS failed: PKIX path building failed"));
        mailbox.steps.add(m -> {
            throw failure(Failure.CONNECTION_LOST, "connection lost while idle");
        });

        watcher.run();

        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(1));
        assertThat(publisher.events).extracting(MailboxEvent::type, MailboxEvent::watchState).containsExactly(
                tuple(Type.WATCH_STATE, WatchState.UNREACHABLE),
                tuple(Type.WATCH_STATE, WatchState.TLS_FAILED),
                tuple(Type.WATCH_STATE, WatchState.CONNECTED),
                tuple(Type.FOLDER_RESYNCED, null),
                tuple(Type.WATCH_STATE, WatchState.CONNECTED));
        assertThat(watcher.status().state()).isEqualTo(WatchStatus.State.STOPPED);
    }

    @Test
    void aRemovalWhileDisconnectedIsFoundOnResyncWithTheTimeOfThePreviousSync() {
        mailbox.add(1, "<one@example.org>");
        mailbox.add(2, "<two@example.org>");
        mailbox.steps.add(m -> {
            m.messages.remove(1L);
            throw failure(Failure.CONNECTION_LOST, "connection lost while idle");
        });

        watcher.run();

        MailboxEvent removed = publisher.only(Type.REMOVED);
        assertThat(removed.messageId()).isEqualTo("<one@example.org>");
        assertThat(removed.detectedBy()).isEqualTo(DetectedBy.RESYNC);
        assertThat(removed.lastSeenAt()).isEqualTo(START);
        assertThat(removed.observedAt()).isEqualTo(START.plusSeconds(1));
        assertThat(publisher.of(Type.ARRIVED)).as("the baseline is no arrival").isEmpty();
    }

    @Test
    void anArrivalSignalledByIdleIsPublishedAsDetectedByIdle() {
        mailbox.steps.add(m -> {
            m.add(7, "<seven@example.org>");
            return Wake.CHANGED;
        });

        watcher.run();

        MailboxEvent arrived = publisher.only(Type.ARRIVED);
        assertThat(arrived.uid()).isEqualTo(7);
        assertThat(arrived.messageId()).isEqualTo("<seven@example.org>");
        assertThat(arrived.detectedBy()).isEqualTo(DetectedBy.IDLE);
        assertThat(mailbox.opens).isEqualTo(1);
    }

    @Test
    void theTimerResyncFindsFlagChangesTheServerDidNotPushAndIdleIsRenewedBeforeTheResyncInterval() {
        mailbox.add(1, "<one@example.org>");
        mailbox.steps.add(m -> {
            m.messages.put(1L, m.messages.get(1L).withFlags(Set.of("\\Seen")));
            return Wake.TIMED_OUT;
        });

        watcher.run();

        MailboxEvent changed = publisher.only(Type.FLAGS_CHANGED);
        assertThat(changed.flags()).containsExactly("\\Seen");
        assertThat(changed.detectedBy()).isEqualTo(DetectedBy.RESYNC);
        assertThat(mailbox.waitsAskedFor).first().isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aFailedPublishKeepsTheOldStateSoTheRemovalIsPublishedAfterTheReconnect() {
        mailbox.add(1, "<one@example.org>");
        mailbox.steps.add(m -> {
            m.messages.remove(1L);
            publisher.failNext = 1;
            return Wake.CHANGED;
        });

        watcher.run();

        MailboxEvent removed = publisher.only(Type.REMOVED);
        assertThat(removed.messageId()).isEqualTo("<one@example.org>");
        assertThat(removed.detectedBy()).isEqualTo(DetectedBy.RESYNC);
        assertThat(pauses).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void aJunkFolderTheAccountDoesNotHaveIsNotWatchedAndNotRetried() {
        FolderWatcher junk = watcher(new WatchTarget(OFFICE, FolderRole.JUNK, Optional.empty()));
        mailbox.openFailures.add(failure(Failure.NO_SUCH_FOLDER, "no folder marked \\Junk and none named Junk"));

        junk.run();

        assertThat(junk.status().state()).isEqualTo(WatchStatus.State.NOT_WATCHED);
        assertThat(pauses).isEmpty();
        assertThat(publisher.events).isEmpty();
    }

    @Test
    void aNewUidValidityIsReportedWithoutRemovals() {
        mailbox.add(1, "<one@example.org>");
        mailbox.steps.add(m -> {
            m.uidValidity = 2;
            return Wake.CHANGED;
        });

        watcher.run();

        assertThat(publisher.only(Type.UIDVALIDITY_CHANGED).uidValidity()).isEqualTo(2);
        assertThat(publisher.of(Type.REMOVED)).isEmpty();
    }

    /** Keeps what was published; fails on cue like a broker that is away. */
    static final class RecordingPublisher implements EventPublisher {
        final List<MailboxEvent> events = new ArrayList<>();
        int failNext;

        @Override
        public void publish(List<MailboxEvent> batch) throws PublishException {
            if (failNext > 0) {
                failNext--;
                throw new PublishException("broker away", null);
            }
            events.addAll(batch);
        }

        List<MailboxEvent> of(Type type) {
            return events.stream().filter(e -> e.type() == type).toList();
        }

        MailboxEvent only(Type type) {
            assertThat(of(type)).hasSize(1);
            return of(type).get(0);
        }
    }
}

package io.vanishwatch.collector.watch;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;

import io.vanishwatch.collector.imap.MailboxConnection;
import io.vanishwatch.collector.imap.MailboxConnector;
import io.vanishwatch.collector.imap.MailboxException;
import io.vanishwatch.collector.imap.WatchTarget;
import io.vanishwatch.collector.sync.FolderSnapshot;
import io.vanishwatch.events.MessageSummary;

/**
 * A scripted stand-in for an IMAP server, for what a real one cannot do quickly: fail on cue. Each open takes the
 * next scripted failure (none left: it succeeds); each wait runs the next scripted step; with no steps left the
 * watcher is stopped.
 */
final class FakeMailbox implements MailboxConnector {

    /** What happens while the watcher waits for a change. */
    interface Step {
        MailboxConnection.Wake run(FakeMailbox mailbox) throws MailboxException;
    }

    final TreeMap<Long, MessageSummary> messages = new TreeMap<>();
    final Deque<MailboxException> openFailures = new ArrayDeque<>();
    final Deque<Step> steps = new ArrayDeque<>();
    final List<Duration> waitsAskedFor = new ArrayList<>();
    long uidValidity = 1;
    int opens;
    FolderWatcher watcher;

    void add(long uid, String messageId) {
        messages.put(uid, new MessageSummary(messageId, "bob@example.org", "Subject " + uid, 100, null,
                java.util.Set.of()));
    }

    @Override
    public MailboxConnection open(WatchTarget target) throws MailboxException {
        opens++;
        MailboxException failure = openFailures.poll();
        if (failure != null) {
            throw failure;
        }
        return new MailboxConnection() {
            @Override
            public String folderName() {
                return target.folderName();
            }

            @Override
            public FolderSnapshot snapshot() {
                Map<Long, java.util.Set<String>> flags = new HashMap<>();
                messages.forEach((uid, m) -> flags.put(uid, m.flags()));
                return FolderSnapshot.of(uidValidity, flags);
            }

            @Override
            public Map<Long, MessageSummary> describe(SortedSet<Long> uids) {
                Map<Long, MessageSummary> described = new HashMap<>();
                uids.forEach(uid -> {
                    if (messages.containsKey(uid)) {
                        described.put(uid, messages.get(uid));
                    }
                });
                return described;
            }

            @Override
            public Wake awaitChange(Duration atMost) throws MailboxException {
                waitsAskedFor.add(atMost);
                Step step = steps.poll();
                if (step == null) {
                    watcher.stop();
                    return Wake.TIMED_OUT;
                }
                return step.run(FakeMailbox.this);
            }

            @Override
            public void close() {
            }
        };
    }
}

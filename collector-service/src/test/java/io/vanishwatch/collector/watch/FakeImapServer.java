package io.vanishwatch.collector.watch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import io.vanishwatch.collector.config.AccountSettings;
import io.vanishwatch.collector.imap.Changes;
import io.vanishwatch.collector.imap.ImapConnector;
import io.vanishwatch.collector.imap.ImapSession;
import io.vanishwatch.collector.imap.ListedFolder;
import io.vanishwatch.collector.imap.MailboxException;
import io.vanishwatch.collector.sync.FolderSnapshot;
import io.vanishwatch.collector.sync.FolderStatus;
import io.vanishwatch.events.MessageSummary;

/**
 * A scripted stand-in for an IMAP server, for what a real one cannot do quickly or on cue: fail at a given moment,
 * change between two commands, count connections exactly. Each open takes the next scripted failure (none left: it
 * succeeds); each wait runs the next scripted step, which changes the mailbox and says what the server would
 * report; with no steps left the watcher is stopped.
 */
final class FakeImapServer implements ImapConnector {

    /** What happens while the watcher waits for a change. */
    interface Step {
        Changes run(FakeImapServer server) throws MailboxException;
    }

    /** One folder: its UIDs and messages, UIDVALIDITY and UIDNEXT, and its SPECIAL-USE attributes. */
    static final class Folder {
        final TreeMap<Long, MessageSummary> messages = new TreeMap<>();
        final Set<String> attributes;
        long uidValidity;
        long uidNext = 1;

        Folder(long uidValidity, Set<String> attributes) {
            this.uidValidity = uidValidity;
            this.attributes = attributes;
        }

        long add(MessageSummary message) {
            long uid = uidNext++;
            messages.put(uid, message);
            return uid;
        }

        FolderStatus status() {
            long unseen = messages.values().stream().filter(m -> !m.seen()).count();
            return new FolderStatus(uidValidity, uidNext, messages.size(), unseen, -1);
        }
    }

    final Map<String, Folder> folders = new LinkedHashMap<>();
    final Deque<MailboxException> openFailures = new ArrayDeque<>();
    final Deque<Step> steps = new ArrayDeque<>();
    final List<Duration> waitsAskedFor = new ArrayList<>();
    boolean notify;
    int opens;
    int open;
    int mostOpenAtOnce;
    AccountWatcher watcher;
    private long nextUidValidity = 100;

    FakeImapServer() {
        folder("INBOX");
    }

    Folder folder(String name, String... attributes) {
        return folders.computeIfAbsent(name, n -> new Folder(nextUidValidity++, Set.of(attributes)));
    }

    long deliver(String folder, String messageId) {
        return folders.get(folder).add(message(messageId));
    }

    static MessageSummary message(String messageId) {
        return new MessageSummary(messageId, "bob@example.org", "About " + messageId, 100,
                Instant.parse("2025-03-01T07:00:00Z"), Set.of());
    }

    /** MOVE: the copy first, then the expunge, as Dovecot does. */
    long move(String from, String messageId, String to) {
        long uid = uidOf(from, messageId);
        MessageSummary message = folders.get(from).messages.get(uid);
        long moved = folders.get(to).add(message);
        folders.get(from).messages.remove(uid);
        return moved;
    }

    void expunge(String folder, String messageId) {
        folders.get(folder).messages.remove(uidOf(folder, messageId));
    }

    long uidOf(String folder, String messageId) {
        return folders.get(folder).messages.entrySet().stream()
                .filter(e -> messageId.equals(e.getValue().messageId())).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new IllegalArgumentException(messageId + " is not in " + folder));
    }

    @Override
    public ImapSession open(AccountSettings account) throws MailboxException {
        opens++;
        MailboxException failure = openFailures.poll();
        if (failure != null) {
            throw failure;
        }
        open++;
        mostOpenAtOnce = Math.max(mostOpenAtOnce, open);
        return new Session();
    }

    private final class Session implements ImapSession {

        private String selected;
        private boolean closed;

        @Override
        public boolean supports(String capability) {
            return capability.equals("NOTIFY") ? notify : true;
        }

        @Override
        public List<ListedFolder> list() {
            List<ListedFolder> listed = new ArrayList<>();
            folders.forEach((name, folder) -> listed.add(new ListedFolder(name, '/', folder.attributes)));
            return listed;
        }

        @Override
        public Map<String, FolderStatus> status(Collection<String> names) {
            Map<String, FolderStatus> statuses = new LinkedHashMap<>();
            for (String name : names) {
                Folder folder = folders.get(name);
                if (folder != null) {
                    statuses.put(name, folder.status());
                }
            }
            return statuses;
        }

        @Override
        public FolderStatus examine(String name) throws MailboxException {
            Folder folder = folders.get(name);
            if (folder == null) {
                throw new MailboxException(MailboxException.Failure.NO_SUCH_FOLDER, "no folder " + name);
            }
            selected = name;
            return folder.status();
        }

        @Override
        public String selected() {
            return selected;
        }

        @Override
        public FolderSnapshot snapshot() throws MailboxException {
            Folder folder = folders.get(selected);
            if (folder == null) {
                throw new MailboxException(MailboxException.Failure.CONNECTION_LOST, "selected folder deleted");
            }
            FolderSnapshot.Builder snapshot = FolderSnapshot.builder(folder.messages.size());
            folder.messages.forEach((uid, m) -> snapshot.add(uid, m.flags()));
            return snapshot.build(folder.status());
        }

        @Override
        public Map<Long, MessageSummary> describe(SortedSet<Long> uids) {
            Map<Long, MessageSummary> described = new HashMap<>();
            Folder folder = folders.get(selected);
            uids.forEach(uid -> {
                if (folder.messages.containsKey(uid)) {
                    described.put(uid, folder.messages.get(uid));
                }
            });
            return described;
        }

        @Override
        public Set<Long> searchMessageId(String messageId) {
            Set<Long> found = new TreeSet<>();
            folders.get(selected).messages.forEach((uid, m) -> {
                if (messageId.equals(m.messageId())) {
                    found.add(uid);
                }
            });
            return found;
        }

        @Override
        public boolean notifyAllFolders() {
            return notify;
        }

        @Override
        public Changes await(Duration atMost) throws MailboxException {
            waitsAskedFor.add(atMost);
            Step step = steps.poll();
            if (step == null) {
                watcher.stop();
                return Changes.NONE;
            }
            return step.run(FakeImapServer.this);
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                open--;
            }
        }
    }
}

package io.vanishwatch.collector.watch;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import io.vanishwatch.collector.imap.ImapSession;
import io.vanishwatch.collector.imap.MailboxException;
import io.vanishwatch.collector.sync.FolderSnapshot;
import io.vanishwatch.collector.sync.FolderState;
import io.vanishwatch.collector.sync.FolderStatus;
import io.vanishwatch.collector.sync.FolderSync;
import io.vanishwatch.collector.sync.KnownMessages;
import io.vanishwatch.collector.sync.SyncContext;
import io.vanishwatch.collector.sync.SyncResult;
import io.vanishwatch.collector.sync.Whereabouts;
import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.MailboxEvent.DetectedBy;
import io.vanishwatch.events.MailboxEvent.Type;
import io.vanishwatch.events.MessageSummary;
import io.vanishwatch.events.Verdict;

/**
 * One synchronisation of an account: the folders that changed are read by UID ({@link FolderSync}), and when
 * anything left a folder, every other folder is brought up to date and the verdict on where each removed message
 * went is attached to its REMOVED. Nothing is kept until the watcher has published the result.
 */
final class SyncRound {

    private final String account;
    private final WatchedFolders folders;
    private final Map<String, FolderState> before;
    private final Map<String, FolderState> after;
    private final Clock clock;
    /** Limits the bulk reads (a folder read from scratch) of every watch of the collector. */
    private final LoginPacer pacer;
    /** Whether the watch holds a bulk read for this whole round (its first after a (re)connect). */
    private final boolean underBulkRead;
    private final List<MailboxEvent> events = new ArrayList<>();
    private final Set<String> synced = new HashSet<>();
    private final Set<Whereabouts.Copy> arrived = new HashSet<>();
    private final Set<Whereabouts.Copy> arrivedHere = new HashSet<>();
    /** The messages each sync of this round built, by folder: their new descriptions are this round's to release. */
    private final Map<String, KnownMessages> built = new HashMap<>();

    /**
     * @param recentArrivals copies that arrived in the rounds just before: a MOVE's copy may be read one round before
     *                       its expunge is, and is still where the message went
     * @param underBulkRead  the watch holds a bulk read for the whole round, so no sync of it takes another
     */
    SyncRound(String account, WatchedFolders folders, Map<String, FolderState> states,
              Set<Whereabouts.Copy> recentArrivals, Clock clock, LoginPacer pacer, boolean underBulkRead) {
        this.pacer = pacer;
        this.underBulkRead = underBulkRead;
        this.account = account;
        this.folders = folders;
        this.before = Map.copyOf(states);
        this.after = new TreeMap<>(states);
        this.clock = clock;
        this.arrived.addAll(recentArrivals);
    }

    /** Whether the folder was already read in this round. */
    boolean synced(String folder) {
        return synced.contains(folder);
    }

    /**
     * Reads one folder on {@code session} (opening it there unless it is the session's selected folder) and keeps
     * what changed. A folder never seen before is a baseline when the account has no state yet, otherwise a folder
     * that appeared while watching: its messages arrive. A sync that describes more than
     * {@value LoginPacer#BULK_READ} messages waits for a bulk read ({@link LoginPacer#bulkRead}), unless the whole
     * round runs under one.
     *
     * @param verifyIdentity after a (re)connect: also checks that the highest known UID still holds the same message
     */
    void sync(ImapSession session, String folder, DetectedBy detectedBy, boolean verifyIdentity)
            throws MailboxException, InterruptedException {
        if (!folder.equals(session.selected())) {
            session.examine(folder);
        }
        FolderSnapshot now = session.snapshot();
        SyncContext context = new SyncContext(account, folder, folders.role(folder), clock.instant(), detectedBy);
        FolderState known = after.get(folder);
        if (known == null && !before.isEmpty()) {
            events.add(MailboxEvent.folder(Type.FOLDER_ADDED, account, folder, context.folderRole(), now.uidValidity(),
                    context.observedAt(), detectedBy, "folder appeared while watching"));
            known = FolderSync.emptyFolder(context, now);
        } else if (known != null && known.role() != context.folderRole()) {
            known = known.withRole(context.folderRole());
        }
        SortedSet<Long> unknown = FolderSync.uidsToDescribe(known, now, verifyIdentity);
        SyncResult result;
        if (unknown.size() <= LoginPacer.BULK_READ || underBulkRead) {
            result = FolderSync.synchronise(known, now, unknown.isEmpty() ? Map.of() : session.describe(unknown), context);
        } else {
            try (LoginPacer.Permit permit = pacer.bulkRead()) { // the envelopes are held until the state is built
                result = FolderSync.synchronise(known, now, session.describe(unknown), context);
            }
        }
        for (MailboxEvent event : result.events()) {
            if (event.type() == Type.ARRIVED) {
                arrived.add(new Whereabouts.Copy(folder, event.folderRole(), event.uid()));
                arrivedHere.add(new Whereabouts.Copy(folder, event.folderRole(), event.uid()));
            }
        }
        events.addAll(result.events());
        after.put(folder, result.state());
        KnownMessages replaced = built.put(folder, result.state().messages());
        if (replaced != null) {
            throw new IllegalStateException(folder + " was read twice in one round"); // its first state would leak
        }
        synced.add(folder);
    }

    /** A folder that is gone from the server: each message it held is removed (with a verdict, later), then the folder. */
    void folderGone(String folder, DetectedBy detectedBy) {
        FolderState known = after.remove(folder);
        if (known == null) {
            return;
        }
        Instant now = clock.instant();
        Instant lastSeenAt = detectedBy == DetectedBy.RESYNC ? known.syncedAt() : null;
        known.messages().forEach((uid, message) -> events.add(MailboxEvent.message(Type.REMOVED, account, folder,
                known.role(), known.uidValidity(), uid, message, now, detectedBy, lastSeenAt)));
        events.add(MailboxEvent.folder(Type.FOLDER_REMOVED, account, folder, known.role(), known.uidValidity(), now,
                detectedBy, "folder deleted or renamed; its " + known.messages().size() + " messages were checked for"
                        + " in the other folders"));
        synced.add(folder);
    }

    /** A folder no longer watched by configuration: its state is dropped without events (nothing happened to it). */
    void forget(String folder) {
        after.remove(folder);
    }

    /** The folder's state as this round has it so far, or null. */
    FolderState state(String folder) {
        return after.get(folder);
    }

    boolean hasRemovals() {
        return events.stream().anyMatch(e -> e.type() == Type.REMOVED && e.verdict() == null);
    }

    /**
     * Brings every watched folder up to date and attaches to each REMOVED where the message is now. The live
     * connection's selected folder is read there; the others are compared by status on {@code scout} and read when
     * they changed; excluded folders are searched by Message-ID.
     */
    void verify(ImapSession live, ImapSession scout) throws MailboxException, InterruptedException {
        if (!hasRemovals()) {
            return;
        }
        String liveFolder = live.selected();
        if (liveFolder != null && folders.watches(liveFolder) && !synced(liveFolder)) {
            sync(live, liveFolder, DetectedBy.SCOUT, false);
        }
        List<String> others = folders.watched().stream().filter(f -> !synced(f)).toList();
        Map<String, FolderStatus> statuses = others.isEmpty() ? Map.of() : scout.status(others);
        for (String folder : others) {
            FolderStatus status = statuses.get(folder);
            FolderState known = after.get(folder);
            if (status == null) {
                folderGone(folder, DetectedBy.SCOUT);
            } else if (known == null || known.status().changedIn(status)) {
                sync(scout, folder, DetectedBy.SCOUT, false);
            }
        }
        Instant checkedAt = clock.instant();
        Map<String, Optional<Whereabouts.Copy>> excludedHits = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            MailboxEvent event = events.get(i);
            if (event.type() != Type.REMOVED || event.verdict() != null) {
                continue;
            }
            List<String> checked = new ArrayList<>(folders.watched());
            checked.removeIf(f -> f.equals(event.folder()) || !after.containsKey(f));
            Optional<Whereabouts.Copy> copy = Whereabouts.find(event.summary(), event.folder(), after, arrived);
            if (copy.isEmpty() && !folders.excluded().isEmpty() && event.messageId() != null) {
                copy = excludedHits.containsKey(event.messageId()) ? excludedHits.get(event.messageId())
                        : searchExcluded(scout, event.messageId());
                excludedHits.put(event.messageId(), copy);
            }
            if (copy.isEmpty() && !Whereabouts.recognisable(event.summary())) {
                continue; // nothing to recognise it by: no verdict, the analyzer correlates as it can
            }
            checked.addAll(folders.excluded().stream().filter(f -> event.messageId() != null).toList());
            events.set(i, asItLeft(event, copy).withVerdict(Whereabouts.verdict(copy, checkedAt, checked)));
        }
    }

    /**
     * The removal with the flags the message left with: a MOVE or COPY carries them, so a copy that arrived in this
     * or a recent round shows a {@code \Seen} set just before the move that no sync of the folder it left could see.
     */
    private MailboxEvent asItLeft(MailboxEvent removed, Optional<Whereabouts.Copy> copy) {
        if (copy.isEmpty() || !arrived.contains(copy.get())) {
            return removed;
        }
        MessageSummary moved = after.get(copy.get().folder()).messages().get(copy.get().uid());
        if (moved == null || removed.flags().containsAll(moved.flags())) {
            return removed;
        }
        Set<String> flags = new TreeSet<>(removed.flags());
        flags.addAll(moved.flags());
        return MailboxEvent.removed(removed.account(), removed.folder(), removed.folderRole(), removed.uidValidity(),
                removed.uid(), removed.summary().withFlags(flags), removed.observedAt(), removed.detectedBy(),
                removed.lastSeenAt(), null);
    }

    private Optional<Whereabouts.Copy> searchExcluded(ImapSession scout, String messageId) throws MailboxException {
        for (String folder : folders.excluded()) {
            try {
                scout.examine(folder);
            } catch (MailboxException e) {
                if (e.failure() == MailboxException.Failure.NO_SUCH_FOLDER) {
                    continue;
                }
                throw e;
            }
            // SEARCH HEADER matches substrings: keep only a UID whose Message-ID is exactly this one
            for (Map.Entry<Long, MessageSummary> found
                    : scout.describe(new TreeSet<>(scout.searchMessageId(messageId))).entrySet()) {
                if (messageId.equals(found.getValue().messageId())) {
                    return Optional.of(new Whereabouts.Copy(folder, folders.role(folder), found.getKey()));
                }
            }
        }
        return Optional.empty();
    }

    /** The copies that arrived in this round. */
    Set<Whereabouts.Copy> arrivals() {
        return Set.copyOf(arrivedHere);
    }

    List<MailboxEvent> events() {
        return List.copyOf(events);
    }

    Map<String, FolderState> states() {
        return Map.copyOf(after);
    }

    /** How the verdicts of this round came out, for the metrics. */
    Map<Verdict.Location, Long> verdicts() {
        Map<Verdict.Location, Long> counts = new TreeMap<>();
        events.stream().filter(e -> e.verdict() != null)
                .forEach(e -> counts.merge(e.verdict().location(), 1L, Long::sum));
        return counts;
    }

    FolderRole role(String folder) {
        return folders.role(folder);
    }

    /**
     * Once the round's states are committed: gives back to the description store what the states before it held and
     * its states do not (messages removed, folders gone), and what this round described that its states do not keep.
     */
    void committed() {
        before.forEach((folder, old) -> KnownMessages.releaseDropped(old.messages(), messagesIn(after, folder)));
        built.forEach((folder, messages) -> {
            if (messages != messagesIn(after, folder)) {
                KnownMessages.releaseDropped(messages, messagesIn(before, folder));
            }
        });
    }

    /** When the round's states will not be committed: gives back what it described, which only they held. */
    void abandoned() {
        built.forEach((folder, messages) -> KnownMessages.releaseDropped(messages, messagesIn(before, folder)));
        built.clear();
    }

    /** The messages {@code states} hold in {@code folder}, none when they have no state of it. */
    private static KnownMessages messagesIn(Map<String, FolderState> states, String folder) {
        FolderState state = states.get(folder);
        return state == null ? KnownMessages.NONE : state.messages();
    }
}

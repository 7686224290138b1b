package io.vanishwatch.collector.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.MailboxEvent.DetectedBy;
import io.vanishwatch.events.MailboxEvent.Type;
import io.vanishwatch.events.MessageSummary;

/**
 * Synchronisation by UID: compares what the watcher knew of a folder with what the folder holds now and says what
 * arrived, what was removed and whose flags changed. Pure: no I/O, no clock; the same code runs on an IDLE
 * wake-up, for the scout, and after a start or reconnect against the checkpoint, so "live" and "catch-up" cannot
 * disagree. It is the only place that decides what changed in a folder.
 */
public final class FolderSync {

    private FolderSync() {
    }

    /**
     * The UIDs whose envelope must be fetched before {@link #synchronise}: every UID when there is no baseline yet (or
     * the mailbox was recreated), otherwise the UIDs not known before; with {@code verifyIdentity}, also the highest
     * known UID that is still there, so that a mailbox recreated under the same UIDVALIDITY is recognised.
     */
    public static SortedSet<Long> uidsToDescribe(FolderState known, FolderSnapshot now, boolean verifyIdentity) {
        if (known == null || recreated(known, now).isPresent()) {
            TreeSet<Long> all = new TreeSet<>();
            now.forEachUid(all::add);
            return all;
        }
        TreeSet<Long> unknown = new TreeSet<>();
        now.forEachUid(uid -> {
            if (!known.messages().holds(uid)) {
                unknown.add(uid);
            }
        });
        if (verifyIdentity && known.highestUid() > 0 && now.holds(known.highestUid())) {
            unknown.add(known.highestUid());
        }
        return unknown;
    }

    /**
     * Compares {@code known} (null when this folder was never read before) with {@code now}. A folder that appeared
     * while watching is passed as {@link #emptyFolder}, so that its messages are arrivals.
     *
     * @param described the summaries of {@link #uidsToDescribe}; a UID missing here (expunged between the two
     *                  fetches) is kept with its flags only, and its removal is reported by the next sync
     */
    public static SyncResult synchronise(FolderState known, FolderSnapshot now, Map<Long, MessageSummary> described,
                                         SyncContext context) {
        Optional<String> recreated = known == null ? Optional.empty()
                : recreated(known, now).or(() -> replaced(known, now, described));
        if (known == null || recreated.isPresent()) {
            return baseline(known, now, described, context, recreated.orElse(null));
        }
        KnownMessages.Builder messages = KnownMessages.builder(now.size());
        List<MailboxEvent> events = new ArrayList<>();
        List<MailboxEvent> flagChanges = new ArrayList<>();
        List<MailboxEvent> arrivals = new ArrayList<>();
        Instant lastSeenAt = context.detectedBy() == DetectedBy.RESYNC ? known.syncedAt() : null;
        known.messages().forEachUid(uid -> {
            if (!now.holds(uid)) {
                events.add(event(Type.REMOVED, uid, known.messages().get(uid), known.uidValidity(), context,
                        lastSeenAt));
            }
        });
        now.forEach((uid, flags) -> {
            Set<String> before = known.messages().flags(uid);
            if (before == null) {
                MessageSummary arrived = summaryOf(described.get(uid), flags);
                messages.add(uid, arrived);
                arrivals.add(event(Type.ARRIVED, uid, PackedSummary.kept(arrived), now.uidValidity(), context,
                        lastSeenAt));
            } else {
                messages.keep(uid, known.messages(), flags);
                if (!before.equals(flags)) {
                    flagChanges.add(event(Type.FLAGS_CHANGED, uid, known.messages().get(uid).withFlags(flags),
                            now.uidValidity(), context, null));
                }
            }
        });
        events.addAll(flagChanges);
        events.addAll(arrivals);
        return new SyncResult(new FolderState(context.folder(), context.folderRole(), now.status(), messages.build(),
                context.observedAt()), events);
    }

    /** The state of a folder that appeared while watching: nothing in it known yet, so everything in it arrives. */
    public static FolderState emptyFolder(SyncContext context, FolderSnapshot now) {
        return new FolderState(context.folder(), context.folderRole(), new FolderStatus(now.uidValidity(), -1, 0, 0, -1),
                KnownMessages.NONE, context.observedAt());
    }

    private static SyncResult baseline(FolderState known, FolderSnapshot now, Map<Long, MessageSummary> described,
                                       SyncContext context, String why) {
        KnownMessages.Builder builder = KnownMessages.builder(now.size());
        now.forEach((uid, flags) -> builder.add(uid, summaryOf(described.get(uid), flags)));
        KnownMessages messages = builder.build();
        FolderState baseline = new FolderState(context.folder(), context.folderRole(), now.status(), messages,
                context.observedAt());
        List<MailboxEvent> events = new ArrayList<>();
        events.add(known == null
                ? MailboxEvent.folder(Type.FOLDER_RESYNCED, context.account(), context.folder(), context.folderRole(),
                now.uidValidity(), context.observedAt(), DetectedBy.RESYNC, "baseline: " + messages.size() + " messages")
                : MailboxEvent.folder(Type.UIDVALIDITY_CHANGED, context.account(), context.folder(),
                context.folderRole(), now.uidValidity(), context.observedAt(), context.detectedBy(),
                why + "; new baseline of " + messages.size() + " messages, earlier UIDs no longer apply"));
        if (known != null) {
            // a rebuilt mailbox keeps its messages under new UIDs: only those it did not hold before have arrived
            Instant lastSeenAt = known.syncedAt();
            Set<String> heldBefore = new java.util.HashSet<>();
            known.messages().values().forEach(old -> Whereabouts.identity(old).ifPresent(heldBefore::add));
            messages.forEach((uid, message) -> {
                Optional<String> identity = Whereabouts.identity(message); // built on demand: a rare event
                if (identity.isPresent() && !heldBefore.contains(identity.get())) {
                    events.add(event(Type.ARRIVED, uid, message, now.uidValidity(), context, lastSeenAt));
                }
            });
        }
        return new SyncResult(baseline, events);
    }

    /** Why the folder's earlier UIDs no longer apply, seen from its status alone, if they do not. */
    private static Optional<String> recreated(FolderState known, FolderSnapshot now) {
        if (known.uidValidity() != now.uidValidity()) {
            return Optional.of("UIDVALIDITY changed from " + known.uidValidity() + " to " + now.uidValidity());
        }
        long before = known.status().uidNext();
        long after = now.status().uidNext();
        if (before > 0 && after > 0 && after < before) {
            return Optional.of("UIDNEXT went back from " + before + " to " + after + " under the same UIDVALIDITY "
                    + now.uidValidity() + ": the server recreated the mailbox");
        }
        return Optional.empty();
    }

    /** Whether the highest known UID now holds another message: a mailbox recreated under the same UIDVALIDITY. */
    private static Optional<String> replaced(FolderState known, FolderSnapshot now, Map<Long, MessageSummary> described) {
        long uid = known.highestUid();
        MessageSummary before = known.messages().get(uid);
        MessageSummary after = described.get(uid) == null ? null : PackedSummary.kept(described.get(uid));
        if (before == null || after == null || !now.holds(uid)
                || (before.messageId() == null && before.size() == 0)) {
            return Optional.empty(); // nothing to compare: the message was never described
        }
        boolean same = Objects.equals(before.messageId(), after.messageId()) && before.size() == after.size()
                && Objects.equals(before.internalDate(), after.internalDate());
        return same ? Optional.empty() : Optional.of("UID " + uid + " now holds another message under the same"
                + " UIDVALIDITY " + now.uidValidity() + ": the server recreated the mailbox");
    }

    private static MessageSummary summaryOf(MessageSummary described, Set<String> flags) {
        return described == null
                ? new MessageSummary(null, null, null, 0, null, flags)
                : described.withFlags(flags);
    }

    private static MailboxEvent event(Type type, long uid, MessageSummary message, long uidValidity,
                                      SyncContext context, Instant lastSeenAt) {
        return MailboxEvent.message(type, context.account(), context.folder(), context.folderRole(), uidValidity, uid,
                message, context.observedAt(), context.detectedBy(), lastSeenAt);
    }
}

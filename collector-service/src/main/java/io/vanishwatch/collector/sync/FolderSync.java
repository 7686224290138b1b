package io.vanishwatch.collector.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.MailboxEvent.DetectedBy;
import io.vanishwatch.events.MailboxEvent.Type;
import io.vanishwatch.events.MessageSummary;

/**
 * Synchronisation by UID: compares what the watcher knew of a folder with what the folder holds now and says what
 * arrived, what was removed and whose flags changed. Pure: no I/O, no clock; the same code runs on an IDLE
 * wake-up and after a reconnect, so "live" and "catch-up" cannot disagree.
 */
public final class FolderSync {

    private FolderSync() {
    }

    /**
     * The UIDs whose envelope must be fetched before {@link #synchronise}: every UID when there is no baseline yet (or
     * UIDVALIDITY changed), otherwise only the UIDs not known before.
     */
    public static SortedSet<Long> uidsToDescribe(FolderState known, FolderSnapshot now) {
        if (needsBaseline(known, now)) {
            return new TreeSet<>(now.flagsByUid().keySet());
        }
        TreeSet<Long> unknown = new TreeSet<>(now.flagsByUid().keySet());
        unknown.removeAll(known.messages().keySet());
        return unknown;
    }

    /**
     * Compares {@code known} (null before the first sync of this process) with {@code now}.
     *
     * @param described the summaries of {@link #uidsToDescribe}; a UID missing here (expunged between the two
     *                  fetches) is kept with its flags only, and its removal is reported by the next sync
     */
    public static SyncResult synchronise(FolderState known, FolderSnapshot now, Map<Long, MessageSummary> described,
                                         SyncContext context) {
        TreeMap<Long, MessageSummary> messages = new TreeMap<>();
        if (needsBaseline(known, now)) {
            now.flagsByUid().forEach((uid, flags) -> messages.put(uid, summaryOf(described.get(uid), flags)));
            FolderState baseline = new FolderState(now.uidValidity(), messages, context.observedAt());
            MailboxEvent event = known == null
                    ? MailboxEvent.folder(Type.FOLDER_RESYNCED, context.account(), context.folder(),
                    context.folderRole(), now.uidValidity(), context.observedAt(), DetectedBy.RESYNC,
                    "baseline: " + messages.size() + " messages")
                    : MailboxEvent.folder(Type.UIDVALIDITY_CHANGED, context.account(), context.folder(),
                    context.folderRole(), now.uidValidity(), context.observedAt(), context.detectedBy(),
                    "UIDVALIDITY changed from " + known.uidValidity() + " to " + now.uidValidity()
                            + "; new baseline of " + messages.size() + " messages, earlier UIDs no longer apply");
            return new SyncResult(baseline, List.of(event));
        }

        List<MailboxEvent> events = new ArrayList<>();
        Instant lastSeenAt = context.detectedBy() == DetectedBy.RESYNC ? known.syncedAt() : null;
        known.messages().forEach((uid, message) -> {
            if (!now.flagsByUid().containsKey(uid)) {
                events.add(event(Type.REMOVED, uid, message, known.uidValidity(), context, lastSeenAt));
            }
        });
        now.flagsByUid().forEach((uid, flags) -> {
            MessageSummary before = known.messages().get(uid);
            if (before != null && !before.flags().equals(flags)) {
                MessageSummary after = before.withFlags(flags);
                events.add(event(Type.FLAGS_CHANGED, uid, after, now.uidValidity(), context, null));
                messages.put(uid, after);
            } else if (before != null) {
                messages.put(uid, before);
            }
        });
        now.flagsByUid().forEach((uid, flags) -> {
            if (!known.messages().containsKey(uid)) {
                MessageSummary arrived = summaryOf(described.get(uid), flags);
                events.add(event(Type.ARRIVED, uid, arrived, now.uidValidity(), context, null));
                messages.put(uid, arrived);
            }
        });
        return new SyncResult(new FolderState(now.uidValidity(), messages, context.observedAt()), events);
    }

    private static boolean needsBaseline(FolderState known, FolderSnapshot now) {
        return known == null || known.uidValidity() != now.uidValidity();
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

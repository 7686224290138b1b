package io.vanishwatch.analyzer.views;

import java.time.Instant;
import java.util.Set;

import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.Verdict;

/**
 * One thing seen on an account, as its timeline keeps it: what a support person asks about (what, where, which
 * message, read or not, where it went), without what only the analyzer's rules need.
 *
 * @param at       when the collector saw it (the event's observedAt)
 * @param uid      for a message event, its UID in {@code folder}; null for folder and watch events
 * @param verdict  for a removal the collector could check, where the message was found right after it left
 */
public record TimelineEntry(
        Instant at,
        MailboxEvent.Type type,
        String folder,
        FolderRole folderRole,
        Long uidValidity,
        Long uid,
        String messageId,
        String from,
        String subject,
        Set<String> flags,
        MailboxEvent.DetectedBy detectedBy,
        Instant lastSeenAt,
        MailboxEvent.WatchState watchState,
        String reason,
        FoundAt verdict) {

    /**
     * The collector's verdict on a removal, kept small: where the message is now (or that it is in no folder), when
     * that was checked and how many folders were looked in.
     */
    public record FoundAt(Verdict.Location location, String folder, FolderRole folderRole, Instant checkedAt,
                          int foldersChecked) {

        static FoundAt of(Verdict verdict) {
            return verdict == null ? null : new FoundAt(verdict.location(), verdict.folder(), verdict.folderRole(),
                    verdict.checkedAt(), verdict.foldersChecked().size());
        }
    }

    /** The entry for a mailbox event seen at {@code at}. */
    public static TimelineEntry of(MailboxEvent event, Instant at) {
        boolean message = event.type() == MailboxEvent.Type.ARRIVED || event.type() == MailboxEvent.Type.REMOVED
                || event.type() == MailboxEvent.Type.FLAGS_CHANGED;
        boolean watch = event.type() == MailboxEvent.Type.WATCH_STATE;
        return new TimelineEntry(at, event.type(), event.folder(), event.folderRole(),
                watch ? null : event.uidValidity(),
                message ? event.uid() : null,
                event.messageId(), event.from(), event.subject(),
                message ? event.flags() : null,
                event.detectedBy(), event.lastSeenAt(), event.watchState(), event.reason(),
                FoundAt.of(event.verdict()));
    }
}

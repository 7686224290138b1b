package io.vanishwatch.analyzer.rules;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.MailboxEvent;

/**
 * What the analyzer last knew about one message in one folder (from its ARRIVED, later FLAGS_CHANGED, or the
 * REMOVED itself), so a removal can still be described after the server has forgotten the message.
 *
 * @param arrivedAt when the ARRIVED was observed; null for a message that was there before the watch started
 */
public record KnownMessage(
        String folder,
        FolderRole folderRole,
        long uidValidity,
        long uid,
        String messageId,
        String from,
        String subject,
        Instant internalDate,
        Set<String> flags,
        Instant arrivedAt) {

    public KnownMessage {
        flags = flags == null ? Set.of() : Set.copyOf(flags);
    }

    /** The message as its ARRIVED event describes it, arrived when the event was observed. */
    public static KnownMessage arrived(MailboxEvent arrival) {
        return describedBy(arrival, arrival.observedAt());
    }

    /** The message as any message event describes it, with the given arrival time (null when unknown). */
    public static KnownMessage describedBy(MailboxEvent event, Instant arrivedAt) {
        return new KnownMessage(event.folder(), event.folderRole(), event.uidValidity(), event.uid(),
                event.messageId(), event.from(), event.subject(), event.internalDate(), event.flags(), arrivedAt);
    }

    /** The same message with the flags a FLAGS_CHANGED reported. */
    public KnownMessage withFlags(Set<String> newFlags) {
        return new KnownMessage(folder, folderRole, uidValidity, uid, messageId, from, subject, internalDate,
                newFlags, arrivedAt);
    }

    /**
     * What is known at removal: the earlier state where there is one, gaps filled from the REMOVED's own summary,
     * and the flags of both (a \Seen on either means it was read).
     */
    public static KnownMessage atRemoval(KnownMessage earlier, MailboxEvent removed) {
        if (earlier == null) {
            return describedBy(removed, null);
        }
        Set<String> flags = new TreeSet<>(earlier.flags());
        flags.addAll(removed.flags());
        return new KnownMessage(
                removed.folder(),
                removed.folderRole() != null ? removed.folderRole() : earlier.folderRole(),
                removed.uidValidity(),
                removed.uid(),
                firstNonNull(earlier.messageId(), removed.messageId()),
                firstNonNull(earlier.from(), removed.from()),
                firstNonNull(earlier.subject(), removed.subject()),
                firstNonNull(earlier.internalDate(), removed.internalDate()),
                flags,
                earlier.arrivedAt());
    }

    private static <T> T firstNonNull(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }
}

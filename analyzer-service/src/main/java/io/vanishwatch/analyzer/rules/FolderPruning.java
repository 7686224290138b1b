package io.vanishwatch.analyzer.rules;

import java.util.Optional;

import io.vanishwatch.events.MailboxEvent;

/**
 * What a folder-level event makes the analyzer forget about one folder: after UIDVALIDITY_CHANGED no earlier UID of
 * the folder applies (even under the same UIDVALIDITY value, for a recreated mailbox), so its message states, pending
 * removals and recent arrivals go; after FOLDER_REMOVED (its messages were each removed before it) the message states
 * left go, while removals still waiting for their destination are decided as usual.
 *
 * @param removalsAndArrivals whether the folder's pending removals and recent arrivals are forgotten too
 */
public record FolderPruning(String account, String folder, boolean removalsAndArrivals) {

    /** The pruning an event calls for; empty for every event that is not about a folder's lifetime. */
    public static Optional<FolderPruning> of(MailboxEvent event) {
        return switch (event.type()) {
            case UIDVALIDITY_CHANGED -> Optional.of(new FolderPruning(event.account(), event.folder(), true));
            case FOLDER_REMOVED -> Optional.of(new FolderPruning(event.account(), event.folder(), false));
            default -> Optional.empty();
        };
    }

    /**
     * Whether an event starts a new generation of its folder whose UIDs, and so event ids, may repeat the old ones:
     * UIDVALIDITY_CHANGED (the collector also reports a mailbox recreated under the same UIDVALIDITY) and FOLDER_ADDED
     * (a folder created again under an old name). FOLDER_REMOVED does not: the removals the collector published just
     * before it may be published again after a restart, and must still be recognised as duplicates.
     */
    public static boolean startsNewGeneration(MailboxEvent event) {
        return event.type() == MailboxEvent.Type.UIDVALIDITY_CHANGED || event.type() == MailboxEvent.Type.FOLDER_ADDED;
    }
}

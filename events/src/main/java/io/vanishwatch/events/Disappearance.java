package io.vanishwatch.events;

import java.time.Duration;
import java.time.Instant;

/**
 * The analyzer's explanation of one message that left a folder: when it came, how long it stayed, whether it was
 * read, and where it went.
 *
 * @param arrivedAt        when the message arrived in the folder it left (the ARRIVED event, else its INTERNALDATE)
 * @param removedAt        when the removal was observed
 * @param lastSeenAt       for a removal found on resync, the last time it was known present (else null)
 * @param dwellTime        {@code removedAt - arrivedAt}, null when the arrival is unknown
 * @param movedToFolder    for {@link Destination#MOVED}, the folder the same Message-ID arrived in
 * @param removedBy        the session IP / client name that removed it, where server logs tell (else null)
 */
public record Disappearance(
        String account,
        String folder,
        FolderRole folderRole,
        long uidValidity,
        long uid,
        String messageId,
        String from,
        String subject,
        Instant arrivedAt,
        Instant removedAt,
        Instant lastSeenAt,
        Duration dwellTime,
        boolean readBeforeRemoval,
        Destination destination,
        String movedToFolder,
        FolderRole movedToRole,
        String removedBy) {

    public enum Destination { MOVED, GONE }

    /** "moved to Junk (JUNK)" or "gone from the server": how a person would say where it went. */
    public String whereItWent() {
        return destination == Destination.MOVED
                ? "moved to " + movedToFolder + " (" + movedToRole + ")"
                : "gone from the server";
    }
}

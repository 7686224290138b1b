package io.vanishwatch.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The analyzer's explanation of one message that left a folder: when it came, how long it stayed, whether it was
 * read, and where it went.
 *
 * @param arrivedAt        when the message arrived in the folder it left (the ARRIVED event, else its INTERNALDATE)
 * @param removedAt        when the removal was observed
 * @param lastSeenAt       for a removal found on resync, the last time it was known present (else null)
 * @param dwellTime        {@code removedAt - arrivedAt}, null when the arrival is unknown
 * @param movedToFolder    for {@link Destination#MOVED}, the folder the same Message-ID arrived in
 * @param removedBy        the device that removed it as a person names it ("'Mac OS X Mail' 16.0 at 192.0.2.14 (imap
 *                         session 23MGy0th)"), where the mail server's records tell (else null)
 * @param basis            what the destination rests on
 * @param checkedAt        for {@link Basis#FOLDER_CHECK}, when the collector looked in the account's folders
 * @param foldersChecked   for {@link Basis#FOLDER_CHECK}, the folders it looked in
 * @param removedByDevice  the same device, field by field, and how it removed the message (else null)
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
        String removedBy,
        Basis basis,
        Instant checkedAt,
        List<String> foldersChecked,
        RemovedBy removedByDevice) {

    public enum Destination { MOVED, GONE }

    /**
     * What the destination rests on: the collector's check of every folder right after the removal (the verdict), or,
     * where no check was possible, the same message seen arriving in another folder within the correlation window,
     * or not seen there before the window passed.
     */
    public enum Basis { FOLDER_CHECK, ARRIVAL_SEEN, WINDOW_PASSED }

    public Disappearance {
        foldersChecked = foldersChecked == null ? List.of() : List.copyOf(foldersChecked);
    }

    /** The same disappearance attributed to the device the mail server's records name. */
    public Disappearance withRemovedBy(String device, RemovedBy removedBy) {
        return new Disappearance(account, folder, folderRole, uidValidity, uid, messageId, from, subject, arrivedAt,
                removedAt, lastSeenAt, dwellTime, readBeforeRemoval, destination, movedToFolder, movedToRole, device,
                basis, checkedAt, foldersChecked, removedBy);
    }

    /** "moved to Junk (JUNK)" or "gone from the server": how a person would say where it went. */
    public String whereItWent() {
        return destination == Destination.MOVED
                ? "moved to " + movedToFolder + " (" + movedToRole + ")"
                : "gone from the server";
    }
}

package io.vanishwatch.collector.sync;

import java.time.Instant;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.MessageSummary;

/**
 * What the watcher last knew of a folder: its role, its status when it was last read, and each UID with the message
 * it was, so that a removal can still be described after the server has forgotten the message. This is also what
 * the checkpoint keeps.
 *
 * @param syncedAt when the snapshot behind this state was taken: a message missing later was still there then
 */
public record FolderState(String folder, FolderRole role, FolderStatus status,
                          SortedMap<Long, MessageSummary> messages, Instant syncedAt) {

    public FolderState {
        messages = Collections.unmodifiableSortedMap(new TreeMap<>(messages));
    }

    public long uidValidity() {
        return status.uidValidity();
    }

    public FolderState withStatus(FolderStatus newStatus) {
        return new FolderState(folder, role, newStatus, messages, syncedAt);
    }

    public FolderState withRole(FolderRole newRole) {
        return new FolderState(folder, newRole, status, messages, syncedAt);
    }

    /** The highest UID known, or 0 for an empty folder. */
    public long highestUid() {
        return messages.isEmpty() ? 0 : messages.lastKey();
    }
}

package io.vanishwatch.collector.sync;

import java.time.Instant;
import java.util.Map;

import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.MessageSummary;

/**
 * What the watcher last knew of a folder: its role, its status when it was last read, and each UID with the message
 * it was, so that a removal can still be described after the server has forgotten the message. This is also what
 * the checkpoint keeps.
 *
 * @param messages compactly: subjects and senders cut to {@value PackedSummary#TEXT_LIMIT} characters
 * @param syncedAt when the snapshot behind this state was taken: a message missing later was still there then
 */
public record FolderState(String folder, FolderRole role, FolderStatus status, KnownMessages messages,
                          Instant syncedAt) {

    public FolderState(String folder, FolderRole role, FolderStatus status, Map<Long, MessageSummary> messages,
                       Instant syncedAt) {
        this(folder, role, status, KnownMessages.of(messages), syncedAt);
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
        return messages.highestUid();
    }
}

package io.vanishwatch.collector.checkpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.vanishwatch.collector.sync.FolderState;

/**
 * What must be written so that the checkpoints match an account's new folder states: the messages that arrived or
 * changed, tombstones for those removed, and the record of every folder read again (its status and when it was
 * read: a removal found after a restart happened after that). Pure.
 */
public final class CheckpointChanges {

    private CheckpointChanges() {
    }

    public static List<CheckpointRecord> between(String account, Map<String, FolderState> before,
                                                 Map<String, FolderState> after) {
        List<CheckpointRecord> records = new ArrayList<>();
        before.forEach((folder, old) -> {
            if (!after.containsKey(folder)) {
                old.messages().forEachUid(uid ->
                        records.add(CheckpointRecord.tombstone(new CheckpointKey(account, folder, uid))));
                records.add(CheckpointRecord.tombstone(CheckpointKey.folder(account, folder)));
            }
        });
        after.forEach((folder, now) -> records.addAll(folder(account, before.get(folder), now)));
        return records;
    }

    private static List<CheckpointRecord> folder(String account, FolderState old, FolderState now) {
        List<CheckpointRecord> records = new ArrayList<>();
        boolean sameGeneration = old != null && old.uidValidity() == now.uidValidity();
        if (old != null) {
            old.messages().forEachUid(uid -> {
                if (!now.messages().holds(uid)) {
                    records.add(CheckpointRecord.tombstone(new CheckpointKey(account, now.folder(), uid)));
                }
            });
        }
        // compared as kept (flags and packed description), so an unchanged message is not even unpacked
        now.messages().forEachUid(uid -> {
            if (!sameGeneration || !now.messages().sameIn(uid, old.messages())) {
                records.add(new CheckpointRecord(new CheckpointKey(account, now.folder(), uid),
                        new MessageCheckpoint(now.uidValidity(), now.messages().get(uid))));
            }
        });
        if (!now.equals(old)) {
            records.add(new CheckpointRecord(CheckpointKey.folder(account, now.folder()),
                    new FolderCheckpoint(now.role(), now.status(), now.syncedAt())));
        }
        return records;
    }
}

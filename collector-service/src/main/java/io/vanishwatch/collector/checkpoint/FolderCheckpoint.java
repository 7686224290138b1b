package io.vanishwatch.collector.checkpoint;

import java.time.Instant;

import io.vanishwatch.collector.sync.FolderStatus;
import io.vanishwatch.events.FolderRole;

/** A folder's own checkpoint record: its role, its status when last read, and when that was. */
public record FolderCheckpoint(FolderRole role, FolderStatus status, Instant syncedAt) {
}

package io.vanishwatch.collector.sync;

import java.time.Instant;

import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.MailboxEvent.DetectedBy;

/** Who is synchronising which folder, when, and why (IDLE, the scout, or a resync after a start or reconnect). */
public record SyncContext(String account, String folder, FolderRole folderRole, Instant observedAt,
                          DetectedBy detectedBy) {
}

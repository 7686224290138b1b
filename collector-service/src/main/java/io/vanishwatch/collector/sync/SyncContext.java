package io.vanishwatch.collector.sync;

import java.time.Instant;

import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.MailboxEvent.DetectedBy;

/** Who is synchronising what, when, and why (an IDLE wake-up, or a resync after a reconnect or on the timer). */
public record SyncContext(String account, String folder, FolderRole folderRole, Instant observedAt,
                          DetectedBy detectedBy) {
}

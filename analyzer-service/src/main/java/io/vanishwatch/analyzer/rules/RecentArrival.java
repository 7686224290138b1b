package io.vanishwatch.analyzer.rules;

import java.time.Instant;

import io.vanishwatch.events.FolderRole;

/**
 * An arrival kept for the correlation window, in case the REMOVED it is the destination of comes after it (the
 * folders are watched by different connections, so their events come in either order).
 *
 * @param lastSeenAt for an arrival found on resync, the last time the folder was known without it (else null): it
 *                   arrived in {@code [lastSeenAt, observedAt]}
 */
public record RecentArrival(String folder, FolderRole folderRole, long uidValidity, long uid, Instant observedAt,
                            Instant lastSeenAt) {
}

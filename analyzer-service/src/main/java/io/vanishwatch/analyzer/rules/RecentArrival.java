package io.vanishwatch.analyzer.rules;

import java.time.Instant;

import io.vanishwatch.events.FolderRole;

/**
 * An arrival kept for the correlation window, in case the REMOVED it is the destination of comes after it (the
 * folders are watched by different connections, so their events come in either order).
 *
 * @param forgetAtMs the wall-clock time (epoch ms) after which it no longer explains a removal
 */
public record RecentArrival(String folder, FolderRole folderRole, long uidValidity, long uid, Instant observedAt,
                            long forgetAtMs) {
}
